// Snowplow browser-tracker, as a customer loads it from npm: newTracker() with a collector URL and
// an app id, events as self-describing JSON (the tracker's way to send a named event with
// properties). Everything else stays at its default (POST, buffer size 1, localStorage queue).
import { newTracker, trackSelfDescribingEvent } from '@snowplow/browser-tracker';

const SCHEMA = 'iglu:com.example/product_viewed/jsonschema/1-0-0';

/** Starts the SDK against `origin` (the bench server); Snowplow is ready once newTracker returns. */
export function start(origin) {
  newTracker('sp', `${origin}/sink/snowplow`, { appId: 'bench' });
  return Promise.resolve();
}

/** A self-describing event is named by its schema (here the one bench event); properties are its data. */
export function track(event, properties) {
  trackSelfDescribingEvent({ event: { schema: SCHEMA, data: properties } });
}
