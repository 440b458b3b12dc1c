// The page's side of consent (docs/PRIVACY.md): engage.consent.set/get/forget, Global Privacy
// Control read on every load, Google Consent Mode v2 'update' payloads (given, or picked up from
// the page's dataLayer), and an optional IAB TCF v2.2 listener. The core decides; this forwards.
import type { EngageClient } from './client';
import type { ConsentApi, ConsentChoice, ConsentState, EngageOptions } from './types';

type TcfApi = (command: string, version: number, callback: (tcData: unknown, success: boolean) => void) => void;

export function createConsentApi(client: EngageClient): ConsentApi {
  const state = (): ConsentState | null => {
    const result = client.command({ op: 'consentState' });
    return result ? (result.consent as ConsentState) : null;
  };
  return {
    set(choice: ConsentChoice) { client.send({ op: 'consent', choice }); },
    consentMode(signals: Record<string, string>) { client.send({ op: 'consentMode', signals }); },
    tcf(tcData: unknown) { client.send({ op: 'tcf', tcData }); },
    forget() { client.send({ op: 'consentForget' }); },
    get: state,
  };
}

/** At init: GPC, and the listeners the options ask for. */
export function startConsentSignals(client: EngageClient, options: EngageOptions): void {
  const gpc = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
  if (gpc) client.send({ op: 'gpc', on: true });
  const consent = options.consent;
  if (consent?.consentMode) watchDataLayer(client);
  if (consent?.tcf) listenTcf(client);
}

/** Consent Mode v2: forwards `gtag('consent', 'update', {...})` payloads, never 'default'. */
function watchDataLayer(client: EngageClient): void {
  const w = window as unknown as { dataLayer?: unknown[] };
  const layer = (w.dataLayer ??= []);
  const forward = (entry: unknown) => {
    const args = entry as ArrayLike<unknown> | null;
    if (args && typeof args === 'object' && args[0] === 'consent' && args[1] === 'update' &&
        args[2] && typeof args[2] === 'object') {
      client.send({ op: 'consentMode', signals: args[2] });
    }
  };
  for (const entry of layer) forward(entry);
  const push = layer.push.bind(layer);
  layer.push = (...entries: unknown[]) => {
    for (const entry of entries) { try { forward(entry); } catch { /* never break the page's gtag */ } }
    return push(...entries);
  };
}

/** IAB TCF v2.2: `__tcfapi('addEventListener', 2, cb)`; each tcData goes to the core. */
function listenTcf(client: EngageClient): void {
  const api = (window as unknown as { __tcfapi?: TcfApi }).__tcfapi;
  if (typeof api !== 'function') return;
  try {
    api('addEventListener', 2, (tcData, success) => {
      if (success && tcData && typeof tcData === 'object') client.send({ op: 'tcf', tcData });
    });
  } catch { /* a broken CMP must not break the page */ }
}
