// The walking skeleton in real Chromium against the real collector: calls made before the wasm is
// ready arrive in order, SPA route changes give one page view each, a reload keeps the visitor, and
// bad input gets an error value without breaking the calls around it.
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

const tracked = (events, name) => events.filter((e) => e.type === 'track' && e.event === name);

test('calls made before the wasm is ready are replayed in order and stored once', async () => {
  const context = await browser.newContext();
  const url = `${collector.url}/t/early.html`;
  await servePage(context, url, `<!doctype html><title>Early</title>${SNIPPET}
    <script>for (let i = 0; i < 5; i++) engage.track('Early', { n: i });</script>
    <script async src="/dist/engage.js" data-write-key="e2e" data-flush-interval-ms="200"></script>`);
  const page = await openPage(context);
  await page.goto(url);
  const events = await waitFor(() => { const e = tracked(collector.events(), 'Early'); return e.length >= 5 && e; }, { message: '5 early events' });
  assert.deepEqual(events.map((e) => e.properties.n), [0, 1, 2, 3, 4]);
  assert.equal(new Set(events.map((e) => e.messageId)).size, 5);
  const pages = collector.events().filter((e) => e.type === 'page' && e.context.page.path === '/t/early.html');
  assert.equal(pages.length, 1, 'one page view on load');
  for (const e of [...events, ...pages]) {
    assert.equal(e.context.library.name, 'engage');
    assert.equal(e.context.page.title, 'Early');
    assert.match(e.anonymousId, /^[0-9a-f-]{36}$/);
    assert.match(e.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  }
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('SPA route changes give exactly one page view each; a reload keeps the anonymousId', async () => {
  const context = await browser.newContext();
  const url = `${collector.url}/t/spa.html`;
  await servePage(context, `${collector.url}/t/spa.html*`, `<!doctype html><title>SPA</title>${SNIPPET}
    <script async src="/dist/engage.js" data-write-key="e2e" data-flush-interval-ms="100"></script>`);
  const page = await openPage(context);
  await page.goto(url);
  await page.evaluate(() => engage.ready());
  await page.evaluate(() => {
    history.pushState({}, '', '/t/spa.html?view=2');
    history.replaceState({}, '', '/t/spa.html?view=2'); // same URL: no new page view
    history.pushState({}, '', '/t/spa.html?view=3#top'); // push + hash in one navigation
    location.hash = 'section';                          // hashchange
  });
  await page.goBack(); // popstate (and hashchange) back to #top: one page view
  await page.evaluate(() => engage.flush());
  const mine = (events) => events.filter((e) => e.type === 'page' && e.context.page.path === '/t/spa.html');
  const pages = await waitFor(() => { const p = mine(collector.events()); return p.length >= 5 && p; }, { message: 'page views' });
  await new Promise((r) => setTimeout(r, 500));
  const urls = mine(collector.events()).map((e) => new URL(e.context.page.url).search + new URL(e.context.page.url).hash);
  assert.deepEqual(urls, ['', '?view=2', '?view=3#top', '?view=3#section', '?view=3#top']);
  assert.equal(pages[1].context.page.referrer, url, 'an SPA page view refers to the previous URL');

  const before = await page.evaluate(() => engage.user().anonymousId);
  await page.reload();
  await page.evaluate(() => engage.ready());
  const afterReload = await page.evaluate(() => engage.user().anonymousId);
  assert.equal(afterReload, before);
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('bad input returns error values, warns once each, and does not stop the events around it', async () => {
  const context = await browser.newContext();
  const url = `${collector.url}/t/bad.html`;
  await servePage(context, url, `<!doctype html><title>Bad</title>${SNIPPET}
    <script async src="/dist/engage.js" data-write-key="e2e" data-flush-interval-ms="100"></script>`);
  const page = await openPage(context);
  await page.goto(url);
  await page.evaluate(() => engage.ready());
  const results = await page.evaluate(() => {
    const circular = { a: 1 };
    circular.self = circular;
    let deep = {};
    for (let i = 0; i < 12; i++) deep = { deep };
    const out = {};
    out.before = engage.track('Before');
    out.noName = engage.track();
    out.nonString = engage.track(42);
    out.circular = engage.track('Circular', circular);
    out.bigint = engage.track('BigInt', { n: 10n });
    out.fn = engage.track('Function', { f() {} });
    out.dom = engage.track('Dom', { el: document.body });
    out.deep = engage.track('Deep', deep);
    out.large = engage.track('Large', { s: 'x'.repeat(40000) });
    out.longName = engage.track('n'.repeat(300));
    out.after = engage.track('After');
    return out;
  });
  assert.deepEqual(results.before, { ok: true });
  assert.deepEqual(results.after, { ok: true });
  const codes = Object.fromEntries(Object.entries(results).filter(([k]) => k !== 'before' && k !== 'after')
    .map(([k, r]) => [k, r.ok === false && r.error.code]));
  assert.deepEqual(codes, {
    noName: 'invalid_event_name', nonString: 'invalid_event_name', circular: 'invalid_properties',
    bigint: 'invalid_properties', fn: 'invalid_properties', dom: 'invalid_properties', deep: 'too_deep',
    large: 'too_large', longName: 'invalid_event_name',
  });
  assert.equal(page.warnings.filter((w) => w.startsWith('engage:')).length, 9, page.warnings.join('\n'));
  await page.evaluate(() => engage.flush());
  const names = await waitFor(() => {
    const n = collector.events().filter((e) => e.type === 'track' && e.context.page.path === '/t/bad.html').map((e) => e.event);
    return n.length >= 2 && n;
  }, { message: 'Before and After' });
  assert.deepEqual(names, ['Before', 'After']);
  assert.deepEqual(page.errors, []);
  await context.close();
});
