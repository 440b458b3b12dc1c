// When WebAssembly is blocked or unavailable, or the core cannot be restarted, Engage still delivers:
// this minimal queue turns buffered commands into raw events (Engage wire format, marked
// context.library.fallback) and POSTs them in batches, with a beacon at page hide. It honours opt-in
// (nothing is sent before the core could decide) and strips what the core would redact most often:
// URL query strings and fragments, e-mail addresses and long digit runs.
import { uuid } from './host';

const EMAIL = /[^\s@"<>]+@[^\s@"<>]+\.[A-Za-z]{2,}/g;
const DIGITS = /\b(?:\d[ -]?){13,19}\b/g;

function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(EMAIL, '[redacted:email]').replace(DIGITS, '[redacted:card]');
  if (depth > 10 || !value || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') continue;
    out[key] = scrub((value as Record<string, unknown>)[key], depth + 1);
  }
  return out;
}

function bareUrl(url: unknown): unknown {
  return typeof url === 'string' ? url.split(/[?#]/)[0] : url;
}

export class FallbackQueue {
  private events: unknown[] = [];
  private context: Record<string, unknown> = {};
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly anonymousId = uuid();

  constructor(private readonly endpoint: string, private readonly writeKey: string, private readonly sendAllowed: boolean) {
    window.addEventListener('pagehide', () => this.send(true));
  }

  take(commands: string[]): void {
    for (const text of commands) {
      let c: Record<string, unknown>;
      try { c = JSON.parse(text); } catch { continue; }
      if (c.op === 'context' && c.context && typeof c.context === 'object') {
        const ctx = scrub(c.context) as Record<string, unknown>;
        const page = ctx.page as Record<string, unknown> | undefined;
        if (page) { page.url = bareUrl(page.url); page.referrer = bareUrl(page.referrer); delete page.search; }
        this.context = ctx;
        continue;
      }
      if (!['track', 'page', 'identify', 'group', 'alias'].includes(String(c.op))) continue;
      const ts = typeof c.ts === 'number' ? c.ts : Date.now();
      this.events.push({
        type: c.op, event: c.event, name: c.name, properties: scrub(c.properties ?? {}), traits: scrub(c.traits),
        userId: c.userId ?? null, groupId: c.groupId, previousId: c.previousId, anonymousId: this.anonymousId,
        messageId: typeof c.messageId === 'string' ? c.messageId : uuid(), timestamp: new Date(ts).toISOString(),
        context: { ...this.context, library: { name: 'engage', version: '0.1.0', fallback: true } },
      });
    }
    if (this.events.length > 1000) this.events.splice(0, this.events.length - 1000);
    if (!this.timer && this.events.length) this.timer = setTimeout(() => this.send(false), 1000);
  }

  private send(beacon: boolean): void {
    this.timer = null;
    if (!this.sendAllowed || this.events.length === 0) return;
    const batch = this.events.splice(0, 100);
    const body = JSON.stringify({ batch, sentAt: new Date().toISOString(), writeKey: this.writeKey });
    if (beacon && navigator.sendBeacon?.(this.endpoint, new Blob([body], { type: 'text/plain;charset=UTF-8' }))) return;
    fetch(this.endpoint, { method: 'POST', body, keepalive: body.length < 60000, headers: { 'Content-Type': 'text/plain;charset=UTF-8' } })
      .then((r) => { if (r.status >= 500 || r.status === 429) this.events.unshift(...batch); })
      .catch(() => this.events.unshift(...batch))
      .finally(() => { if (this.events.length && !this.timer) this.timer = setTimeout(() => this.send(false), 2000); });
  }
}
