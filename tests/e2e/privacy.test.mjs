// Consent and PII in real Chromium against the real collector (docs/PRIVACY.md): opt-in stores and
// sends nothing until consent, then sends what waited; declining discards it; GPC denies marketing;
// e-mails, card numbers and tokens in URLs and properties never reach the collector.
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

const optInPage = `<!doctype html><title>Opt-in</title><script>window.engageConsentRequired = true;</script>${SNIPPET}
<script>engage.init({ writeKey: 'e2e', flushIntervalMs: 100, consent: { model: 'opt-in' } });
engage.track('Before Consent', { n: 1 });</script>
<script async src="/dist/engage.js"></script>`;

async function optInVisit(path) {
  const context = await browser.newContext();
  const url = `${collector.url}${path}`;
  await servePage(context, url, optInPage);
  const requests = [];
  context.on('request', (r) => { if (r.url().includes('/v1/batch')) requests.push(r.url()); });
  const page = await openPage(context);
  await page.goto(url);
  await page.evaluate(() => engage.ready());
  await page.evaluate(() => engage.track('Still Before', { n: 2 }));
  await new Promise((r) => setTimeout(r, 800));
  return { context, page, url, requests };
}

const storageOf = (page) => page.evaluate(() => ({ local: { ...localStorage }, session: { ...sessionStorage } }));
const mine = (path) => collector.events().filter((e) => e.context?.page?.path === path);

test('opt-in: nothing stored and nothing sent before consent, then the waiting events are sent', async () => {
  const { context, page, requests } = await optInVisit('/t/optin-yes.html');
  assert.deepEqual(await storageOf(page), { local: {}, session: {} }, 'nothing in storage');
  assert.equal(requests.length, 0, 'nothing on the wire');
  assert.equal(mine('/t/optin-yes.html').length, 0);
  const state = await page.evaluate(() => engage.consent.get());
  assert.equal(state.decided, false);
  assert.equal(state.held, 3, 'page view and two tracks wait in memory');
  // A reload before the decision loses them (memory only) and still stores nothing.
  await page.evaluate(() => engage.consent.set({ analytics: true }));
  const events = await waitFor(() => { const e = mine('/t/optin-yes.html'); return e.length >= 3 && e; }, { message: 'released events' });
  assert.deepEqual(events.map((e) => e.event ?? e.type), ['page', 'Before Consent', 'Still Before']);
  for (const e of events) {
    assert.equal(e.context.consent.decided, true);
    assert.ok(e.context.consent.granted.includes('analytics'));
  }
  const stored = await storageOf(page);
  assert.ok(stored.local['engage.anonymousId'], 'ids may be stored after consent');
  assert.deepEqual(page.errors, []);
  await context.close();
});

test('opt-in: declining discards what waited and sends nothing after', async () => {
  const { context, page, requests } = await optInVisit('/t/optin-no.html');
  await page.evaluate(() => engage.consent.set({ all: false }));
  await page.evaluate(() => { engage.track('After Decline'); return engage.flush(); });
  await new Promise((r) => setTimeout(r, 800));
  assert.equal(requests.length, 0);
  assert.equal(mine('/t/optin-no.html').length, 0);
  const state = await page.evaluate(() => engage.consent.get());
  assert.equal(state.discarded, 3);
  const stored = await storageOf(page);
  assert.equal(stored.local['engage.anonymousId'], undefined, 'no identifier stored');
  await context.close();
});

test('Global Privacy Control on: no marketing category', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }));
  const url = `${collector.url}/t/gpc.html?gclid=abc123`;
  await servePage(context, `${collector.url}/t/gpc.html*`, `<!doctype html><title>GPC</title>${SNIPPET}
    <script async src="/dist/engage.js" data-write-key="e2e" data-flush-interval-ms="100"></script>`);
  const page = await openPage(context);
  await page.goto(url);
  await page.evaluate(() => engage.ready());
  await page.evaluate(() => { engage.consent.set({ all: true }); engage.track('With GPC'); return engage.flush(); });
  const event = await waitFor(() => mine('/t/gpc.html').find((e) => e.event === 'With GPC'), { message: 'GPC event' });
  assert.equal(event.context.consent.gpc, true);
  assert.ok(!event.context.consent.granted.includes('marketing'), JSON.stringify(event.context.consent));
  assert.doesNotMatch(event.context.page.url, /abc123/, 'ad click id redacted without marketing consent');
  await context.close();
});

test('e-mail, card number and token in URL, title and properties never reach the collector', async () => {
  const context = await browser.newContext();
  const url = `${collector.url}/t/pii.html?email=ada%40example.com&token=abcdef0123456789abcdef0123456789&ref=ok`;
  await servePage(context, `${collector.url}/t/pii.html*`, `<!doctype html><title>Orders of ada@example.com</title>${SNIPPET}
    <script async src="/dist/engage.js" data-write-key="e2e" data-flush-interval-ms="100"></script>`);
  const page = await openPage(context);
  await page.goto(url);
  await page.evaluate(() => engage.ready());
  await page.evaluate(() => {
    engage.track('Checkout Note', { note: 'my card is 4111 1111 1111 1111', contact: 'ada@example.com',
      auth: 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl', order_id: '4111111111111112' });
    engage.identify('ada@example.com');
    return engage.flush();
  });
  await waitFor(() => mine('/t/pii.html').length >= 3, { message: 'pii page events' });
  const raw = collector.query("SELECT json FROM events").map((r) => r.json).join('\n');
  for (const secret of ['ada@example.com', 'ada%40example.com', '4111 1111 1111 1111', 'eyJhbGciOiJIUzI1NiJ9', 'abcdef0123456789abcdef0123456789']) {
    assert.ok(!raw.includes(secret), `${secret} reached the collector`);
  }
  const note = mine('/t/pii.html').find((e) => e.event === 'Checkout Note');
  assert.equal(note.properties.order_id, '4111111111111112', 'a Luhn-invalid order id survives');
  assert.match(note.context.page.url, /ref=ok/);
  await context.close();
});
