// Engagement metrics in real Chromium against the real collector (issue 3). Three scripted visitors,
// each in its own browser context (own localStorage): one buys, one leaves a cart, one bounces. With
// a 3 s session timeout the core's tick ends the sessions; the page sees the exact engage.metrics(),
// the abandoner's page gets `cart abandoned` through engage.on(), and GET /v1/metrics (the same core
// code replaying the stored events) shows the same figures across the three. A screenshot of
// /dashboard/metrics.html is saved under build/.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { SNIPPET, launchBrowser, root, servePage, startCollector, waitFor } from './harness.mjs';

const TIMEOUT_MS = 3000;
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

const pageHtml = `<!doctype html><title>Shop</title>${SNIPPET}
  <script>
    engage.init({ writeKey: 'e2e', endpoint: '/v1/batch', flushIntervalMs: 100, engagement: { sessionTimeoutMs: ${TIMEOUT_MS} } });
    window.heard = [];
    engage.on('cart abandoned', (e) => heard.push(e));
    engage.on('session ended', (e) => heard.push(e));
  </script>
  <script async src="/dist/engage.js"></script><p>shop</p>`;

async function visitor(name, script) {
  const context = await browser.newContext();
  const url = `${collector.url}/t/engagement-${name}.html`;
  await servePage(context, url, pageHtml);
  const page = await context.newPage();
  await page.goto(url);
  await page.evaluate(() => engage.ready());
  await page.evaluate(script);
  return { context, page };
}

const PRODUCT = { product_id: 'p1', name: 'Mug', price: 20, quantity: 2 };

test('three visitors: metrics in the page, abandonment event, dashboard figures', async () => {
  const buyer = await visitor('buyer', async () => {
    engage.track('Product Viewed', { product_id: 'p1', price: 20 });
    engage.track('Product Added', { product_id: 'p1', name: 'Mug', price: 20, quantity: 2 });
    engage.track('Checkout Started', { value: 40 });
    engage.track('Order Completed', { order_id: 'o1', revenue: 40, products: [{ product_id: 'p1', name: 'Mug', price: 20, quantity: 2 }] });
  });
  const abandoner = await visitor('abandoner', async () => {
    engage.track('Product Viewed', { product_id: 'p2', price: 15 });
    engage.track('Product Added', { product_id: 'p2', name: 'Cap', price: 15, quantity: 1 });
  });
  const bouncer = await visitor('bouncer', async () => {});

  const live = await buyer.page.evaluate(() => engage.metrics());
  assert.equal(live.session.pageViews, 1);
  assert.equal(live.session.orders, 1);
  assert.equal(live.session.revenue, 40);
  assert.equal(live.session.converted, true);
  assert.equal(live.session.funnelStep, 4);

  // The abandoner's page hears the core's Cart Abandoned after the timeout (tick, then the events op).
  const heard = await waitFor(() => abandoner.page.evaluate(() => heard.find((e) => e.event === 'Cart Abandoned')),
    { timeout: TIMEOUT_MS + 10000, message: 'cart abandoned in the page' });
  assert.equal(heard.properties.value, 15);
  assert.equal(heard.properties.itemCount, 1);

  await new Promise((r) => setTimeout(r, TIMEOUT_MS + 500));
  const m = {};
  for (const [name, v] of Object.entries({ buyer, abandoner, bouncer })) m[name] = await v.page.evaluate(() => engage.metrics());
  assert.equal(m.buyer.session, null, 'timed out');
  assert.equal(m.buyer.lifetime.orders, 1);
  assert.equal(m.buyer.lifetime.revenue, 40);
  assert.equal(m.buyer.lifetime.convertedSessions, 1);
  assert.equal(m.buyer.lifetime.cartsAbandoned, 0);
  assert.equal(m.abandoner.lifetime.cartsAbandoned, 1);
  assert.equal(m.abandoner.lifetime.cartAbandonmentRate, 1);
  assert.equal(m.abandoner.lifetime.orders, 0);
  assert.equal(m.abandoner.cart.itemCount, 1, 'abandonment keeps the cart');
  assert.equal(m.bouncer.lifetime.sessions, 1);
  assert.equal(m.bouncer.lifetime.bounces, 1);
  assert.equal(m.bouncer.lifetime.bounceRate, 1);

  // Every stored event of the three carries a sessionId; one Session Started per visitor.
  const stored = await waitFor(() => {
    const e = collector.events().filter((x) => x.event === 'Cart Abandoned');
    return e.length === 1 && collector.events();
  }, { message: 'Cart Abandoned stored' });
  for (const e of stored) assert.ok(Number.isInteger(e.sessionId) && e.sessionId > 0, JSON.stringify(e).slice(0, 200));
  assert.equal(stored.filter((e) => e.event === 'Session Started').length, 3);

  const report = await (await fetch(`${collector.url}/v1/metrics`)).json();
  const f = report.figures;
  assert.equal(f.visitors, 3);
  assert.equal(f.sessions, 3);
  assert.equal(f.orders, 1);
  assert.equal(f.revenue, 40);
  // The collector replays with its own 30 min default timeout (it has no option for it): as of now
  // the sessions are still open there, so the two carts are not yet abandonment candidates.
  assert.equal(f.carts, 2);
  assert.equal(f.cartsAbandoned, 0);
  assert.equal(f.convertedSessions, 1);
  assert.equal(f.purchasers, 1);

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const dash = await context.newPage();
  await dash.goto(`${collector.url}/dashboard/metrics.html`);
  await dash.waitForSelector('[data-testid="metrics-kpis"] *');
  await dash.screenshot({ path: join(root, 'build/engint-dashboard-metrics.png'), fullPage: true });
  for (const v of [buyer, abandoner, bouncer, { context }]) await v.context.close();
});
