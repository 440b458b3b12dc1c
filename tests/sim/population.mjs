// A simulated population driven through the real SDK core: the wasm module (the one the browser
// loads) runs under node, one EngageCore per visitor with its own storage, a seeded clock and seeded
// randomness, so a population is the same on every run. What the core sends is collected and posted
// to the real collector in bodies of at most ~900 KB.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/** mulberry32: a small seeded PRNG giving floats in [0, 1). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The wasm module from a build directory (engage-core.js + engage-core.wasm), without fetch. */
export async function loadCore(wasmDir) {
  const require = createRequire(import.meta.url);
  const factory = require(join(wasmDir, 'engage-core.js'));
  return factory({ wasmBinary: readFileSync(join(wasmDir, 'engage-core.wasm')) });
}

/**
 * One visitor: a fresh device (empty storage) at wall time `startMs`. `random` seeds the core's ids.
 * run(commands) crosses once, like the JS client; later() moves the clock on; events() flushes, then
 * returns and clears the events the core sent (every batch is acknowledged with 200).
 */
export function visitor(module, { startMs, random }) {
  const storage = new Map();
  const outbox = [];
  let now = startMs;
  const host = {
    wallMs: () => now,
    monotonicMs: () => now - startMs,
    get: (k) => (storage.has(k) ? storage.get(k) : null),
    set: (k, v) => { storage.set(k, v); return true; },
    remove: (k) => { storage.delete(k); },
    send: (batchId, url, contentType, body) => { outbox.push({ batchId, body }); },
    random: () => Math.floor(random() * 4294967296) >>> 0,
    log: () => {},
  };
  let core = new module.EngageCore(host);
  const acknowledge = () => {
    // The transport answers later, never inside send().
    while (outbox.length) {
      const { batchId, body } = outbox.shift();
      sent.push(...JSON.parse(body).batch);
      core.sendResult(batchId, 200, -1);
    }
  };
  const sent = [];
  return {
    run(commands) {
      const results = JSON.parse(core.run(JSON.stringify(commands)));
      acknowledge();
      return results;
    },
    later(ms) { now += ms; },
    events() {
      this.run([{ op: 'flush' }]);
      return sent.splice(0);
    },
    /** A reload: a new core over the same storage (the queue, ids and exposure log persist). */
    reload() {
      core.delete();
      core = new module.EngageCore(host);
    },
    close() { core.delete(); },
  };
}

/** Posts events to the collector's /v1/batch in bodies of at most `maxBytes` and `maxEvents`. */
export async function post(collectorUrl, events, maxBytes = 900_000, maxEvents = 1000) {
  let chunk = [];
  let bytes = 0;
  let stored = 0;
  const send = async () => {
    if (!chunk.length) return;
    const body = `{"batch":[${chunk.join(',')}],"sentAt":"${new Date().toISOString()}","writeKey":"sim"}`;
    const response = await fetch(`${collectorUrl}/v1/batch`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const answer = await response.json();
    if (!answer.ok) throw new Error(`collector refused a batch: ${JSON.stringify(answer)}`);
    stored += answer.stored;
    chunk = [];
    bytes = 0;
  };
  for (const event of events) {
    const text = JSON.stringify(event);
    if (bytes + text.length > maxBytes || chunk.length === maxEvents) await send();
    chunk.push(text);
    bytes += text.length + 1;
  }
  await send();
  return stored;
}
