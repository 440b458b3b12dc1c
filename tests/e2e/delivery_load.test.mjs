// Delivery under load in real Chromium against the real collector: two tabs tracking at once for a
// minute, and a soak of 100,000 events with the SDK's memory reported.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SNIPPET, launchBrowser, servePage, startCollector, waitFor } from './harness.mjs';

let collector;
let browser;
before(async () => {
  collector = await startCollector();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await collector?.stop();
});

const html = (init) => `<!doctype html><title>Load</title>${SNIPPET}
<script>engage.init(Object.assign({ writeKey: 'e2e', autocapture: false }, ${JSON.stringify(init)}));</script>
<script async src="/dist/engage.js"></script>`;

const TAB_SECONDS = Number(process.env.ENGAGE_TABS_SECONDS ?? 60);

test(`two tabs tracking at once for ${TAB_SECONDS} s: every event once, none sent twice`, async () => {
  const context = await browser.newContext();
  const url = `${collector.url}/t/tabs.html`;
  await servePage(context, url, html({ flushIntervalMs: 500 }));
  const onWire = new Map();
  context.on('request', (req) => {
    if (!req.url().endsWith('/v1/batch')) return;
    for (const e of JSON.parse(req.postData()).batch) onWire.set(e.messageId, (onWire.get(e.messageId) ?? 0) + 1);
  });
  const tabs = [await context.newPage(), await context.newPage()];
  for (const page of tabs) { await page.goto(url); await page.evaluate(() => engage.ready()); }
  const counts = await Promise.all(tabs.map((page, t) => page.evaluate(([tab, seconds]) => new Promise((resolve) => {
    let i = 0;
    const end = Date.now() + seconds * 1000;
    const timer = setInterval(() => {
      for (let k = 0; k < 2; k++) engage.track('Tab Step', { tab, i: i++ });
      if (Date.now() > end) { clearInterval(timer); engage.flush().then(() => resolve(i)); }
    }, 50);
  }), [t, TAB_SECONDS])));
  const total = counts[0] + counts[1];
  const stored = await waitFor(() => {
    const e = collector.events().filter((x) => x.event === 'Tab Step');
    return e.length >= total && e;
  }, { timeout: 30000, message: `${total} events from two tabs` });
  assert.equal(stored.length, total, 'each stored once');
  for (const tab of [0, 1]) {
    const mine = stored.filter((e) => e.properties.tab === tab).map((e) => e.properties.i);
    assert.deepEqual(mine, [...Array(counts[tab]).keys()], `tab ${tab}: all, in order`);
  }
  const twice = [...onWire.values()].filter((n) => n > 1).length;
  assert.equal(twice, 0, 'no messageId went on the wire twice');
  console.log(`# two tabs: ${total} events in ${TAB_SECONDS} s, 0 lost, 0 duplicated, ${onWire.size} on the wire`);
  await context.close();
});

test('soak: 100,000 events through SDK and collector, 0 lost, 0 duplicated, memory bounded', async () => {
  const context = await browser.newContext();
  const url = `${collector.url}/t/soak.html`;
  await servePage(context, url, html({ flushIntervalMs: 50, maxBatchEvents: 500, maxBatchBytes: 500000, maxQueueEvents: 5000, maxQueueBytes: 8000000 }));
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(() => engage.ready());
  const TOTAL = 100000;
  const samples = [];
  const started = Date.now();
  for (let sent = 0; sent < TOTAL; sent += 2000) {
    const s = await page.evaluate(async ([from]) => {
      for (let i = from; i < from + 2000; i++) engage.track('Soak', { i, sku: `sku-${i % 97}`, price: i % 50 });
      while (engage.deliveryStats().queued > 1000) await new Promise((r) => setTimeout(r, 20));
      const d = engage.deliveryStats();
      return { heap: performance.memory ? performance.memory.usedJSHeapSize : 0, wasm: d.wasmMemoryBytes, dropped: d.dropped };
    }, [sent]);
    samples.push(s);
  }
  await page.evaluate(() => engage.flush());
  const count = () => Number(collector.query("SELECT COUNT(*) AS n FROM events WHERE event = 'Soak'")[0].n);
  await waitFor(() => count() >= TOTAL, { timeout: 120000, interval: 500, message: 'soak delivered' });
  const distinct = Number(collector.query("SELECT COUNT(DISTINCT json_extract(json, '$.properties.i')) AS n FROM events WHERE event = 'Soak'")[0].n);
  assert.equal(count(), TOTAL, '0 lost, 0 duplicated');
  assert.equal(distinct, TOTAL);
  const stats = await page.evaluate(() => engage.deliveryStats());
  assert.equal(stats.sent, TOTAL);
  assert.deepEqual(stats.dropped, {});
  const firstWasm = samples[0].wasm, lastWasm = samples[samples.length - 1].wasm;
  const maxWasm = Math.max(...samples.map((s) => s.wasm));
  const maxHeap = Math.max(...samples.map((s) => s.heap));
  assert.ok(maxWasm <= 16 * 1024 * 1024, `wasm memory stays bounded (${maxWasm} B)`);
  assert.ok(lastWasm <= Math.max(firstWasm * 2, 4 * 1024 * 1024), 'no growth with the number of events');
  console.log(`# soak: ${TOTAL} events in ${((Date.now() - started) / 1000).toFixed(1)} s; wasm memory ${firstWasm} -> ${lastWasm} B (max ${maxWasm}); JS heap max ${(maxHeap / 1e6).toFixed(1)} MB`);
  await context.close();
});
