// Segment analytics-next, as a customer loads it from npm: AnalyticsBrowser.load() with the write
// key. The settings Segment's CDN would serve are given inline (cdnSettings), and the Segment.io
// destination is pointed at the bench's local endpoint the documented way (load options
// integrations['Segment.io'].apiHost/protocol), which also sends Segment's own usage metrics
// there instead of api.segment.io. Everything else stays at its default (standard delivery: one
// request per event).
import { AnalyticsBrowser } from '@segment/analytics-next';

let analytics = null;

/** Starts the SDK against `origin` (the bench server); resolves when Segment says it is ready. */
export function start(origin) {
  const local = { apiHost: `${new URL(origin).host}/sink/segment`, protocol: 'http' };
  analytics = AnalyticsBrowser.load(
    { writeKey: 'bench', cdnSettings: { integrations: { 'Segment.io': { apiKey: 'bench', ...local } } } },
    { integrations: { 'Segment.io': local } },
  );
  return analytics.ready().then(() => undefined);
}

export function track(event, properties) {
  return analytics.track(event, properties);
}
