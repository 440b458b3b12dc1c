// Script-tag entry (dist/engage.js). The snippet in the README defines window.engage as a stub that
// queues calls as [method, ...args]; this replaces it with the real client and replays the queue in
// order. Configuration comes from engage.init({...}) or the script tag's data attributes.
import { EngageClient, autocapturePageviews } from './client';
import { loadWasmCore } from './core-loader';
import type { EngageOptions } from './types';

type QueuedCall = [string, ...unknown[]] & { t?: number };
interface LeftPage { u: string; t: string; r: string; s: number; c: Array<[number, string, ...unknown[]]> }

const STUB_KEY = 'engage.stub';

/** Pages left before engage.js ran: the snippet saved their calls at page hide. */
function takeLeftPages(): LeftPage[] {
  try {
    const text = window.localStorage.getItem(STUB_KEY);
    if (!text) return [];
    window.localStorage.removeItem(STUB_KEY);
    const pages = JSON.parse(text);
    return Array.isArray(pages) ? pages.filter((p) => p && typeof p.u === 'string' && Array.isArray(p.c)) : [];
  } catch {
    return [];
  }
}

function scriptElement(): HTMLScriptElement | null {
  const current = document.currentScript as HTMLScriptElement | null;
  if (current?.src) return current;
  const scripts = document.querySelectorAll<HTMLScriptElement>('script[src*="engage"]');
  return scripts.length ? scripts[scripts.length - 1] : null;
}

function optionsFromAttributes(script: HTMLScriptElement | null): EngageOptions | null {
  const data = script?.dataset;
  if (!data || !data.writeKey) return null;
  const options: EngageOptions = { writeKey: data.writeKey };
  if (data.endpoint) options.endpoint = data.endpoint;
  if (data.flushIntervalMs) options.flushIntervalMs = Number(data.flushIntervalMs);
  if (data.autocapture === 'false') options.autocapture = false;
  if (data.debug === 'true') options.debug = true;
  return options;
}

(function install() {
  const w = window as unknown as { engage?: unknown };
  const existing = w.engage;
  if (existing instanceof EngageClient) return; // loaded twice
  const script = scriptElement();
  const base = script?.src || window.location.href;
  const client = new EngageClient(loadWasmCore, new URL('engage.wasm', base).href);
  const queue: QueuedCall[] = Array.isArray(existing) ? (existing as QueuedCall[]).slice() : [];
  w.engage = client;

  // init first (an explicit init in the queue wins over the data attributes), then the pages the
  // visitor left before engage.js ran, then this page's queued calls in order, at their own times.
  const initCall = queue.find((call) => call[0] === 'init');
  const fromAttributes = optionsFromAttributes(script);
  if (fromAttributes && !fromAttributes.endpoint) fromAttributes.endpoint = new URL('/v1/batch', base).href;
  const options = initCall ? ((initCall[1] ?? {}) as EngageOptions) : fromAttributes;
  if (options) {
    const pageViews = autocapturePageviews(options);
    for (const left of takeLeftPages()) {
      client.replayLeftPage({ url: left.u, title: String(left.t ?? ''), referrer: String(left.r ?? ''), startedAt: left.s }, left.c, pageViews);
    }
    client.init(options);
  }
  for (const call of queue) {
    if (call === initCall) continue;
    const [method, ...args] = call;
    client.replayCall(call.t, method, args);
  }
})();
