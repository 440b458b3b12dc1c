// Script-tag entry (dist/engage.js). The snippet in the README defines window.engage as a stub that
// queues calls as [method, ...args]; this replaces it with the real client and replays the queue in
// order. Configuration comes from engage.init({...}) or the script tag's data attributes.
import { EngageClient } from './client';
import { loadWasmCore } from './core-loader';
import type { EngageOptions } from './types';

type QueuedCall = [string, ...unknown[]];

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

  const explicitInit = queue.some((call) => call[0] === 'init');
  const fromAttributes = optionsFromAttributes(script);
  if (!explicitInit && fromAttributes) {
    if (!fromAttributes.endpoint) fromAttributes.endpoint = new URL('/v1/batch', base).href;
    client.init(fromAttributes);
  }
  for (const [method, ...args] of queue) {
    const fn = (client as unknown as Record<string, unknown>)[method];
    if (typeof fn === 'function') (fn as (...a: unknown[]) => unknown).apply(client, args);
  }
})();
