// Autocapture for engagement (issue 3), each part switchable off through options.autocapture:
//   engagement: visibility, focus/blur and input (key, pointer, touch) as activity for engaged time;
//   scroll:     scroll depth in percent of the page (activity kind scroll);
//   outbound:   `Outbound Link Clicked` for links to another host;
//   clicks:     `data-engage-event="Name"` elements send that event with their `data-engage-*` attributes.
// Listeners are passive and throttled: a scroll or input event only notes a flag; the depth is read at
// most once per AUTOCAPTURE_DEFAULTS.throttleMs. Never reads the values of inputs, selects, textareas
// or contenteditable elements.
import type { EngageClient } from './client';
import type { EngageOptions } from './types';

/** Every default of autocapture. */
export const AUTOCAPTURE_DEFAULTS = Object.freeze({
  /** input and scroll activity cross to the core at most this often. */
  throttleMs: 1000,
  /** data-engage-* properties kept per click, and the length of each value. */
  maxProperties: 20,
  maxValueLength: 200,
});

type Part = 'pageviews' | 'engagement' | 'scroll' | 'clicks' | 'outbound' | 'campaign';

export function autocaptureOn(options: EngageOptions, part: Part): boolean {
  const a = options.autocapture;
  if (a === undefined || a === true) return true;
  if (a === false) return false;
  return (a as Record<string, boolean | undefined>)[part] !== false;
}

export function startAutocapture(client: EngageClient, options: EngageOptions): void {
  if (typeof window === 'undefined' || typeof document === 'undefined') return;
  // Activity only feeds the core's engagement, which is on when options.engagement is given.
  const engagement = options.engagement !== undefined && options.engagement !== false;
  if (engagement && autocaptureOn(options, 'engagement')) watchActivity(client);
  if (engagement && autocaptureOn(options, 'scroll')) watchScroll(client);
  if (autocaptureOn(options, 'outbound') || autocaptureOn(options, 'clicks')) watchClicks(client, options);
}

function activity(client: EngageClient, kind: string, value?: number): void {
  client.send(value === undefined ? { op: 'activity', kind, ts: Date.now() } : { op: 'activity', kind, ts: Date.now(), value });
}

function watchActivity(client: EngageClient): void {
  const passive = { passive: true, capture: true };
  document.addEventListener('visibilitychange', () => activity(client, document.visibilityState === 'hidden' ? 'hidden' : 'visible'), passive);
  window.addEventListener('focus', () => activity(client, 'focus'), passive);
  window.addEventListener('blur', () => activity(client, 'blur'), passive);
  window.addEventListener('pagehide', () => activity(client, 'pagehide'), passive);
  let last = 0;
  const onInput = () => {
    const now = Date.now();
    if (now - last < AUTOCAPTURE_DEFAULTS.throttleMs) return;
    last = now;
    activity(client, 'input');
  };
  for (const type of ['keydown', 'pointerdown', 'touchstart', 'wheel']) window.addEventListener(type, onInput, passive);
  if (document.visibilityState === 'visible') activity(client, document.hasFocus() ? 'focus' : 'visible');
}

function watchScroll(client: EngageClient): void {
  let scheduled = false;
  let maxPct = -1;
  const measure = () => {
    scheduled = false;
    const doc = document.documentElement;
    const range = Math.max(1, doc.scrollHeight - window.innerHeight);
    const pct = Math.min(100, Math.round((window.scrollY / range) * 100));
    if (pct <= maxPct) return;
    maxPct = pct;
    activity(client, 'scroll', pct);
  };
  window.addEventListener('scroll', () => {
    if (scheduled) return;  // the whole cost of a scroll event on the main thread
    scheduled = true;
    setTimeout(measure, AUTOCAPTURE_DEFAULTS.throttleMs);
  }, { passive: true });
}

function isEditable(el: Element): boolean {
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA' || (el as HTMLElement).isContentEditable;
}

function watchClicks(client: EngageClient, options: EngageOptions): void {
  const outbound = autocaptureOn(options, 'outbound');
  const marked = autocaptureOn(options, 'clicks');
  document.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (!target) return;
    const tagged = marked ? target.closest('[data-engage-event]') : null;
    if (tagged && !isEditable(tagged)) {
      const properties: Record<string, string> = {};
      let n = 0;
      for (const attr of Array.from(tagged.attributes)) {
        if (!attr.name.startsWith('data-engage-') || attr.name === 'data-engage-event') continue;
        if (++n > AUTOCAPTURE_DEFAULTS.maxProperties) break;
        properties[attr.name.slice(12).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())] = attr.value.slice(0, AUTOCAPTURE_DEFAULTS.maxValueLength);
      }
      client.track(tagged.getAttribute('data-engage-event') ?? '', properties);
    }
    const link = outbound ? (target.closest('a[href]') as HTMLAnchorElement | null) : null;
    if (link) {
      let url: URL;
      try { url = new URL(link.href, location.href); } catch { return; }
      if ((url.protocol === 'http:' || url.protocol === 'https:') && url.host !== location.host) {
        client.track('Outbound Link Clicked', { url: url.href, host: url.host, text: (link.textContent ?? '').trim().slice(0, AUTOCAPTURE_DEFAULTS.maxValueLength) });
      }
    }
  }, { passive: true, capture: true });
}
