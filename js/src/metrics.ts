// Engagement metrics in the page (issue 3): engage.metrics() returns the core's one object
// (docs/METRICS.md), cached in JS and dropped whenever an event or activity crosses to the core (or
// after METRICS_DEFAULTS.maxAgeMs, since a session can time out with nothing crossing).
// engage.on()/off() deliver the events the core emitted (Session Started/Ended, Cart/Checkout
// Abandoned): from the results of the calls that caused them, drained through the `events` op.
import type { EngageClient } from './client';
import type { EngageMetrics, EngagementEventName, EngagementEvent } from './types';

/** Every default of the JS side of metrics. */
export const METRICS_DEFAULTS = Object.freeze({
  /** A cached metrics() answer is reused for at most this long. */
  maxAgeMs: 1000,
  /** While listeners exist, emitted events are polled this often (tick-emitted ones have no caller). */
  pollMs: 5000,
});

const LISTENED: Record<string, EngagementEventName> = {
  'Session Started': 'session started',
  'Session Ended': 'session ended',
  'Cart Abandoned': 'cart abandoned',
  'Checkout Abandoned': 'checkout abandoned',
};

export class Metrics {
  private cache: EngageMetrics | null = null;
  private cachedAt = 0;
  private listeners = new Map<EngagementEventName, Set<(event: EngagementEvent) => void>>();
  private drainScheduled = false;
  private poll: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly client: EngageClient) {
    client.observe((commands) => {
      // Reads (metrics, events) do not change the figures; everything else may.
      for (const c of commands) {
        if (c.startsWith('{"op":"metrics"') || c.startsWith('{"op":"events"')) continue;
        this.cache = null;
        this.scheduleDrain();
        return;
      }
    });
  }

  metrics(): EngageMetrics | null {
    const now = Date.now();
    if (this.cache && now - this.cachedAt < METRICS_DEFAULTS.maxAgeMs && !this.client.hasPending()) return this.cache;
    const answer = this.client.command({ op: 'metrics' });
    if (!answer || typeof answer.metrics !== 'object') return null;
    this.cache = answer.metrics as EngageMetrics;
    this.cachedAt = now;
    return this.cache;
  }

  on(name: EngagementEventName, fn: (event: EngagementEvent) => void): void {
    if (typeof fn !== 'function') return;
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn);
    if (!this.poll && typeof setInterval !== 'undefined') {
      this.poll = setInterval(() => this.drain(), METRICS_DEFAULTS.pollMs);
    }
  }

  off(name: EngagementEventName, fn?: (event: EngagementEvent) => void): void {
    if (fn) this.listeners.get(name)?.delete(fn);
    else this.listeners.delete(name);
    let any = false;
    this.listeners.forEach((s) => { if (s.size) any = true; });
    if (!any && this.poll) { clearInterval(this.poll); this.poll = null; }
  }

  private scheduleDrain(): void {
    if (this.drainScheduled || this.listeners.size === 0) return;
    this.drainScheduled = true;
    // Not inside the observer: the crossing that called it is still running.
    setTimeout(() => { this.drainScheduled = false; this.drain(); }, 0);
  }

  private drain(): void {
    const answer = this.client.command({ op: 'events' });
    const events = answer && Array.isArray(answer.events) ? (answer.events as EngagementEvent[]) : [];
    for (const event of events) {
      const name = LISTENED[event.event];
      if (!name) continue;
      this.listeners.get(name)?.forEach((fn) => {
        try { fn(event); } catch { /* a listener's failure is the page's, not ours */ }
      });
    }
  }
}
