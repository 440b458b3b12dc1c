// The browser side of the core's Platform (docs/ARCHITECTURE.md): clocks, storage, transport,
// randomness and logging, as the plain JS object the EngageCore constructor takes.

export interface CoreHost {
  wallMs(): number;
  monotonicMs(): number;
  get(key: string): string | null;
  set(key: string, value: string): boolean;
  remove(key: string): void;
  send(batchId: string, url: string, contentType: string, body: string, eventCount: number, beacon: boolean, gzip: boolean): void;
  random(): number;
  log(level: number, message: string): void;
}

export interface SendOutcome {
  batchId: string;
  status: number; // 0 for a network error
  retryAfterMs: number; // -1 when absent
}

/** localStorage when it works; memory when it throws (disabled, sandboxed, full). */
export function browserStorage(): Pick<CoreHost, 'get' | 'set' | 'remove'> {
  const memory = new Map<string, string>();
  let ls: Storage | null = null;
  try {
    ls = window.localStorage;
  } catch {
    ls = null;
  }
  return {
    get(key) {
      try {
        if (ls) return ls.getItem(key) ?? memory.get(key) ?? null;
      } catch { /* fall through to memory */ }
      return memory.get(key) ?? null;
    },
    set(key, value) {
      memory.set(key, value);
      try {
        if (ls) { ls.setItem(key, value); return true; }
      } catch { /* quota or disabled: the value lives in memory */ }
      return false;
    },
    remove(key) {
      memory.delete(key);
      try { ls?.removeItem(key); } catch { /* nothing to do */ }
    },
  };
}

/** Parses Retry-After (seconds or an HTTP date) into ms, or -1. */
export function retryAfterMs(header: string | null, nowMs: number): number {
  if (!header) return -1;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : -1;
}

// Bodies up to this size use fetch keepalive, so they survive the page going away.
const KEEPALIVE_BYTES = 60 * 1024;

async function gzipBody(body: string): Promise<Blob> {
  const stream = new Blob([body]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Response(stream).blob();
}

/**
 * Sends one batch. A beacon (page hide) goes with sendBeacon as text/plain, which needs no CORS
 * preflight and survives the page; it has no result. Otherwise fetch, gzipped where the destination
 * accepts it and the browser has CompressionStream, with keepalive when small enough.
 */
export function fetchTransport(done: (outcome: SendOutcome) => void): CoreHost['send'] {
  return (batchId, url, contentType, body, _count, beacon, gzip) => {
    const report = (status: number, retryAfter: number) => done({ batchId, status, retryAfterMs: retryAfter });
    if (beacon) {
      let queued = false;
      try {
        queued = typeof navigator.sendBeacon === 'function' &&
          navigator.sendBeacon(url, new Blob([body], { type: 'text/plain;charset=UTF-8' }));
      } catch { queued = false; }
      if (!queued) {
        try {
          fetch(url, { method: 'POST', body, keepalive: body.length <= KEEPALIVE_BYTES, credentials: 'omit',
            headers: { 'Content-Type': 'text/plain;charset=UTF-8' } }).catch(() => undefined);
        } catch { /* what is not sent stays stored for the next load */ }
      }
      return;
    }
    const post = (payload: string | Blob, headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers, body: payload, keepalive: body.length <= KEEPALIVE_BYTES, credentials: 'omit' })
        .then(
          (response) => report(response.status, retryAfterMs(response.headers.get('Retry-After'), Date.now())),
          () => report(0, -1),
        );
    try {
      if (gzip && typeof CompressionStream === 'function') {
        gzipBody(body).then(
          (blob) => post(blob, { 'Content-Type': contentType, 'Content-Encoding': 'gzip' }),
          () => post(body, { 'Content-Type': contentType }),
        );
      } else {
        post(body, { 'Content-Type': contentType });
      }
    } catch {
      setTimeout(() => report(0, -1), 0);
    }
  };
}

// One getRandomValues call fills a pool for 64 ids (each UUID takes four words).
const pool = new Uint32Array(256);
let poolNext = pool.length;

export function randomU32(): number {
  if (poolNext >= pool.length) {
    if (typeof crypto !== 'undefined' && crypto.getRandomValues) crypto.getRandomValues(pool);
    else for (let i = 0; i < pool.length; i++) pool[i] = Math.floor(Math.random() * 0x100000000) >>> 0;
    poolNext = 0;
  }
  return pool[poolNext++];
}

const HEX = Array.from({ length: 256 }, (_, i) => (i + 0x100).toString(16).slice(1));

/** RFC 4122 version-4 UUID from the pooled random words. */
export function uuid(): string {
  const a = randomU32(), b = randomU32(), c = randomU32(), d = randomU32();
  const h = (w: number, shift: number) => HEX[(w >>> shift) & 0xff];
  return h(a, 24) + h(a, 16) + h(a, 8) + h(a, 0) + '-' + h(b, 24) + h(b, 16) + '-' +
    HEX[0x40 | ((b >>> 8) & 0x0f)] + h(b, 0) + '-' + HEX[0x80 | ((c >>> 24) & 0x3f)] + h(c, 16) + '-' +
    h(c, 8) + h(c, 0) + h(d, 24) + h(d, 16) + h(d, 8) + h(d, 0);
}

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export function consoleLogger(debug: boolean): CoreHost['log'] {
  return (level, message) => {
    if (level === 0 && !debug) return;
    const method = LEVELS[level] ?? 'warn';
    try { console[method](message); } catch { /* a broken console must not break the page */ }
  };
}
