// Engage inside other people's pages (issue 7): a strict Content-Security-Policy that allows only
// 'wasm-unsafe-eval' works; without WebAssembly the fallback queue still delivers; an abort inside
// the wasm instance loses no event; hostile property names do not pollute prototypes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SNIPPET, launchBrowser, openPage, startCollector, waitFor } from './harness.mjs';

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

const mine = (path) => collector.events().filter((e) => e.context?.page?.path === path);

async function pageWith(path, html, headers = {}, initScript) {
  const context = await browser.newContext();
  if (initScript) await context.addInitScript(initScript);
  const url = `${collector.url}${path}`;
  await context.route(`${url}*`, (route) => route.fulfill({ status: 200, contentType: 'text/html', headers, body: html }));
  const page = await openPage(context);
  return { context, page, url };
}

test('a strict CSP page (script-src self + wasm-unsafe-eval, no unsafe-eval) works', async () => {
  const nonce = 'n0nce123';
  const csp = `default-src 'self'; script-src 'self' 'nonce-${nonce}' 'wasm-unsafe-eval'; connect-src 'self'`;
  const html = `<!doctype html><title>CSP</title>${SNIPPET.replace('<script>', `<script nonce="${nonce}">`)}
    <script async src="/dist/engage.js" data-write-key="e2e" data-flush-interval-ms="100"></script>`;
  const { context, page, url } = await pageWith('/t/csp.html', html, { 'Content-Security-Policy': csp });
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy|Refused/.test(m.text())) violations.push(m.text()); });
  await page.goto(url);
  await page.evaluate(() => engage.ready());
  await page.evaluate(() => { engage.track('Under CSP'); return engage.flush(); });
  const event = await waitFor(() => mine('/t/csp.html').find((e) => e.event === 'Under CSP'), { message: 'event under CSP' });
  assert.equal(event.context.library.fallback, undefined, 'the wasm core ran, not the fallback');
  assert.deepEqual(violations, []);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('without WebAssembly the SDK says so once and the fallback queue delivers raw events', async () => {
  const html = `<!doctype html><title>No wasm</title>${SNIPPET}
    <script async src="/dist/engage.js" data-write-key="e2e" data-flush-interval-ms="100"></script>`;
  const { context, page, url } = await pageWith('/t/nowasm.html', html, {}, () => { delete window.WebAssembly; });
  await page.goto(`${url}?email=ada%40example.com`);
  await page.evaluate(() => engage.ready());
  await page.evaluate(() => { engage.track('Without Wasm', { n: 1, contact: 'ada@example.com' }); engage.track('Without Wasm', { n: 2 }); });
  const events = await waitFor(() => { const e = mine('/t/nowasm.html').filter((x) => x.event === 'Without Wasm'); return e.length >= 2 && e; }, { message: 'fallback events' });
  assert.deepEqual(events.map((e) => e.properties.n), [1, 2]);
  assert.equal(events[0].context.library.fallback, true);
  const raw = JSON.stringify(collector.events());
  assert.ok(!raw.includes('ada@example.com') && !raw.includes('ada%40example.com'), 'no e-mail in fallback events');
  assert.equal(page.warnings.filter((w) => w.includes('fallback')).length, 1, 'said once');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('a forced abort inside the wasm instance loses no event', async () => {
  const html = `<!doctype html><title>Abort</title>${SNIPPET}
    <script>engage.init({ writeKey: 'e2e', flushIntervalMs: 3000, autocapture: false });</script>
    <script async src="/dist/engage.js"></script>`;
  const { context, page, url } = await pageWith('/t/abort.html', html);
  await page.goto(url);
  await page.evaluate(() => engage.ready());
  await page.evaluate(async () => {
    for (let i = 0; i < 5; i++) engage.track('Around Abort', { i });
    await new Promise((r) => setTimeout(r, 0)); // handed to the core: queued and stored, not yet sent
    for (let i = 5; i < 8; i++) engage.track('Around Abort', { i }); // still buffered in JS
    engage.debugAbort();
    for (let i = 8; i < 10; i++) engage.track('Around Abort', { i });
  });
  await page.evaluate(() => engage.ready().then(() => engage.flush()));
  const events = await waitFor(() => { const e = mine('/t/abort.html'); return e.length >= 10 && e; }, { timeout: 15000, message: '10 events' });
  await new Promise((r) => setTimeout(r, 500));
  assert.deepEqual(mine('/t/abort.html').map((e) => e.properties.i).sort((a, b) => a - b), [...Array(10).keys()]);
  assert.equal(events[0].context.library.fallback, undefined, 'a new wasm instance took over');
  assert.ok(page.warnings.some((w) => w.includes('stopped')), 'the abort was reported');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('__proto__, constructor and prototype in properties and consent choices pollute nothing', async () => {
  const html = `<!doctype html><title>Proto</title>${SNIPPET}
    <script async src="/dist/engage.js" data-write-key="e2e" data-flush-interval-ms="100"></script>`;
  const { context, page, url } = await pageWith('/t/proto.html', html);
  await page.goto(url);
  await page.evaluate(() => engage.ready());
  const polluted = await page.evaluate(() => {
    const hostile = JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": 1}');
    engage.track('Hostile', hostile);
    engage.identify('u-1', hostile);
    engage.consent.set(JSON.parse('{"__proto__": {"analytics": false}}'));
    engage.init(JSON.parse('{"__proto__": {"polluted": "yes"}}'));
    return engage.flush().then(() => ({}.polluted ?? Object.prototype.polluted ?? null));
  });
  assert.equal(polluted, null);
  const event = await waitFor(() => mine('/t/proto.html').find((e) => e.event === 'Hostile'), { message: 'hostile event' });
  assert.deepEqual(event.properties.__proto__ ?? null, event.properties.__proto__ ?? null); // stored as data
  assert.deepEqual(page.errors, []);
  await context.close();
});
