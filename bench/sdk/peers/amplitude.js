// Amplitude analytics-browser, as a customer loads it from npm: init() with an API key and
// amplitude.track(). The server URL points at the bench's local endpoint; remote configuration and
// diagnostics are off because they would call Amplitude's servers. Everything else stays at its
// default (flush every 1 s or 30 events, default autocapture).
import * as amplitude from '@amplitude/analytics-browser';

/** Starts the SDK against `origin` (the bench server); resolves when init has finished. */
export function start(origin) {
  return amplitude.init('bench-api-key', {
    serverUrl: `${origin}/sink/amplitude/2/httpapi`,
    fetchRemoteConfig: false,
    enableDiagnostics: false,
  }).promise;
}

export function track(event, properties) {
  return amplitude.track(event, properties);
}
