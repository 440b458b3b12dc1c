// Delivery in real Chromium against the real collector. Faults are injected in front of the
// collector with Playwright's request routing; what counts is what the collector stored.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SNIPPET, launchBrowser, openPage, servePage, startCollector, waitFor } from './harness.mjs';

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

const pageHtml = (init) => `<!doctype html><title>Delivery</title>${SNIPPET}
<script>engage.init(Object.assign({ writeKey: 'e2e', flushIntervalMs: 100, autocapture: false }, ${JSON.stringify(init ?? {})}));</script>
<script async src="/dist/engage.js"></script>`;

async function newPage(path, init, contextOptions) {
  const context = await browser.newContext(contextOptions);
  const url = `${collector.url}${path}`;
  await servePage(context, url, pageHtml(init));
  const page = await openPage(context);
  await page.goto(url);
  await page.evaluate(() => engage.ready());
  return { context, page, url };
}

const run = (name) => collector.events().filter((e) => e.type === 'track' && e.properties.run === name);
const trackN = (page, name, n, from = 0) =>
  page.evaluate(([r, count, start]) => { for (let i = start; i < start + count; i++) engage.track('Step', { run: r, i }); }, [name, n, from]);

/** Captures every batch request body the page sends (batch endpoint only). */
function wire(context) {
  const bodies = [];
  context.on('request', (req) => { if (req.url().endsWith('/v1/batch') && req.method() === 'POST') bodies.push(req.postData()); });
  return { messageIds: () => bodies.flatMap((b) => { try { return JSON.parse(b).batch.map((e) => e.messageId); } catch { return []; } }) };
}

async function expectOnceInOrder(name, n) {
  const events = await waitFor(() => { const e = run(name); return e.length >= n && e; }, { timeout: 20000, message: `${n} events of ${name}` });
  await new Promise((r) => setTimeout(r, 300));
  const final = run(name);
  assert.equal(final.length, n, 'each event stored exactly once');
  assert.deepEqual(final.map((e) => e.properties.i), [...Array(n).keys()], 'in order');
  return events;
}

test('500 then 200, 429 with Retry-After, 413, and an abort: every event once, in order, at the expected times', async () => {
  const { context, page } = await newPage('/t/faults.html', { maxBatchEvents: 4, retryBaseMs: 200 });
  const script = ['500', '429', '413', 'abort'];
  const attempts = [];
  await context.route('**/v1/batch', async (route) => {
    attempts.push({ at: Date.now(), n: JSON.parse(route.request().postData()).batch.length });
    const fault = script.shift();
    if (fault === '500') return route.fulfill({ status: 500, body: '{}' });
    if (fault === '429') return route.fulfill({ status: 429, headers: { 'Retry-After': '2' }, body: '{}' });
    if (fault === '413') return route.fulfill({ status: 413, body: '{}' });
    if (fault === 'abort') return route.abort('connectionreset');
    return route.continue();
  });
  await trackN(page, 'faults', 8);
  await expectOnceInOrder('faults', 8);
  // 500 -> retry after ~100-200 ms backoff; 429 -> waits Retry-After 2 s; 413 -> half the batch at once.
  assert.ok(attempts[1].at - attempts[0].at >= 90, 'backoff after 500');
  assert.ok(attempts[2].at - attempts[1].at >= 1900, `Retry-After honoured (${attempts[2].at - attempts[1].at} ms)`);
  assert.equal(attempts[3].n, attempts[2].n / 2, '413 halves the batch');
  const stats = await page.evaluate(() => engage.deliveryStats());
  assert.equal(stats.sent, 8);
  assert.equal(stats.retried, 3);
  assert.deepEqual(stats.dropped, {});
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('reload while a request is in flight, and while the server is down: the same messageIds arrive once', async () => {
  const { context, page } = await newPage('/t/reload.html');
  const seen = wire(context);
  let hold = true;
  await context.route('**/v1/batch', (route) => (hold ? new Promise(() => undefined) : route.continue()));
  await trackN(page, 'inflight', 5);
  await waitFor(() => seen.messageIds().length >= 5, { message: 'batch on the wire' });
  const firstIds = seen.messageIds().slice(0, 5);
  hold = false;
  await page.reload();
  await page.evaluate(() => engage.ready());
  const stored = await expectOnceInOrder('inflight', 5);
  assert.deepEqual(stored.map((e) => e.messageId), firstIds, 'the reload resent the same messageIds');

  await context.unroute('**/v1/batch');
  await context.route('**/v1/batch', (route) => route.abort('connectionrefused'));
  await trackN(page, 'down', 6);
  await waitFor(async () => (await page.evaluate(() => engage.deliveryStats().retried)) >= 1, { message: 'a failed attempt' });
  await page.reload();
  await context.unroute('**/v1/batch');
  await page.evaluate(() => engage.ready());
  await expectOnceInOrder('down', 6);
  await context.close();
});

test('20 events then the tab closes at once: all arrive, by beacon or on the next load (20 times, 0 lost)', async () => {
  const context = await browser.newContext();
  const url = `${collector.url}/t/close.html`;
  await servePage(context, url, pageHtml({ flushIntervalMs: 5000 }));
  for (let round = 0; round < 20; round++) {
    const page = await context.newPage();
    await page.goto(url);
    await page.evaluate(() => engage.ready());
    await trackN(page, `close-${round}`, 20);
    await page.close({ runBeforeUnload: true });
  }
  const last = await context.newPage(); // the next load picks up anything the beacons missed
  await last.goto(url);
  await last.evaluate(() => engage.ready());
  let lost = 0;
  for (let round = 0; round < 20; round++) {
    const events = await waitFor(() => { const e = run(`close-${round}`); return e.length >= 20 && e; }, { timeout: 15000, message: `round ${round}` });
    lost += 20 - new Set(events.map((e) => e.properties.i)).size;
    assert.equal(events.length, 20, `round ${round}: no duplicates stored`);
  }
  assert.equal(lost, 0);
  await context.close();
});

test('offline for a while, then online: one ordered delivery, nothing lost', async () => {
  const { context, page } = await newPage('/t/offline.html');
  await context.setOffline(true);
  await page.evaluate(() => window.dispatchEvent(new Event('offline')));
  await trackN(page, 'offline', 12);
  await new Promise((r) => setTimeout(r, 1500));
  const held = await page.evaluate(() => engage.deliveryStats());
  assert.equal(held.online, false);
  assert.equal(held.queued, 12);
  assert.equal(held.batches, 0, 'nothing attempted while offline');
  assert.equal(run('offline').length, 0);
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expectOnceInOrder('offline', 12);
  const stats = await page.evaluate(() => engage.deliveryStats());
  assert.equal(stats.retried, 0);
  await context.close();
});

test('localStorage throwing QuotaExceeded, and storage disabled: Engage works in memory and says so', async () => {
  for (const mode of ['quota', 'disabled']) {
    const context = await browser.newContext();
    await context.addInitScript((m) => {
      if (m === 'quota') {
        Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
      } else {
        Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
      }
    }, mode);
    const url = `${collector.url}/t/storage-${mode}.html`;
    await servePage(context, url, pageHtml());
    const page = await openPage(context);
    await page.goto(url);
    await page.evaluate(() => engage.ready());
    await trackN(page, `storage-${mode}`, 7);
    await expectOnceInOrder(`storage-${mode}`, 7);
    const stats = await page.evaluate(() => engage.deliveryStats());
    assert.ok(stats.storageFailures >= 7, `${mode}: every refused write is counted (${stats.storageFailures})`);
    assert.deepEqual(stats.dropped, {}, `${mode}: nothing dropped`);
    assert.deepEqual(page.errors, [], `${mode}: the page saw no error`);
    await context.close();
  }
});
