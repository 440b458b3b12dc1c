// The metrics page in real Chromium against the real collector: scripted visitors over five days
// (buyers, cart abandoners, bouncers) show the API's figures on the cards, the funnel with its four
// steps, one time series per metric with a point per day, and a date filter that narrows all of it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startCollector, launchBrowser, openPage, track, page as pageView } from './harness.mjs';

const DAY = 86400000;
const START = Date.UTC(2026, 0, 5, 9);
let collector, browser;

// Day d (0..4): d + 1 buyers, 2 abandoners, d bouncers; each visitor's events a few seconds apart.
function population() {
  const events = [];
  const lamp = { product_id: 'aurora-lamp', price: 49, quantity: 1 };
  for (let d = 0; d < 5; d++) {
    let t = START + d * DAY;
    const next = () => (t += 5000);
    for (let i = 0; i <= d; i++) {
      const v = `buyer-${d}-${i}`;
      events.push(pageView(v, next(), '/'), track(v, next(), 'Product Viewed', lamp), track(v, next(), 'Product Added', lamp),
        pageView(v, next(), '/checkout'), track(v, next(), 'Checkout Started', { value: 49 }),
        track(v, next(), 'Order Completed', { order_id: `o-${d}-${i}`, total: 49 }));
    }
    for (let i = 0; i < 2; i++) {
      const v = `abandoner-${d}-${i}`;
      events.push(pageView(v, next(), '/p'), track(v, next(), 'Product Viewed', lamp), track(v, next(), 'Product Added', lamp),
        pageView(v, next(), '/cart'));
    }
    for (let i = 0; i < d; i++) events.push(pageView(`bouncer-${d}-${i}`, next(), '/'));
  }
  return events;
}

before(async () => {
  collector = await startCollector();
  await collector.post(population());
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await collector?.stop();
});

async function api(query) {
  return (await fetch(collector.url + '/v1/metrics' + query)).json();
}

test('cards, funnel and time series show the API figures, and the date filter narrows them', async () => {
  const expected = await api('');
  assert.equal(expected.figures.visitors, 15 + 10 + 10);  // 15 buyers, 10 abandoners, 10 bouncers
  const page = await openPage(browser);
  await page.goto(collector.url + '/dashboard/metrics.html');
  await page.waitForSelector('[data-testid=kpi-sessions]');
  const kpi = async (key) => (await page.textContent(`[data-testid=kpi-${key}] .kpi-value`)).trim();
  assert.equal(await kpi('visitors'), String(expected.figures.visitors));
  assert.equal(await kpi('sessions'), String(expected.figures.sessions));
  assert.equal(await kpi('conversionRate'), (expected.figures.conversionRate * 100).toFixed(1) + '%');
  assert.equal(await kpi('cartAbandonmentRate'), (expected.figures.cartAbandonmentRate * 100).toFixed(1) + '%');

  const steps = await page.$$eval('[data-testid=funnel-chart] g.step', (gs) => gs.map((g) => [g.dataset.step, Number(g.dataset.value)]));
  assert.deepEqual(steps, expected.figures.funnel.map((s) => [s.step, s.sessions]));
  assert.deepEqual(steps.map((s) => s[1]), [25, 25, 15, 15]);

  const charts = await page.$$eval('[data-testid^=series-] svg', (svgs) => svgs.map((s) => s.querySelectorAll('circle.point').length));
  assert.equal(charts.length, 12);
  assert.ok(charts.every((n) => n === 5), `one point per day in every chart: ${charts}`);
  const sessionsPerDay = await page.$$eval('[data-testid=series-sessions] circle.point', (cs) => cs.map((c) => Number(c.dataset.value)));
  assert.deepEqual(sessionsPerDay, expected.series.map((p) => p.sessions));
  assert.deepEqual(sessionsPerDay, [3, 5, 7, 9, 11]);

  if (process.env.ENGAGE_SCREENSHOT_DIR) {
    mkdirSync(process.env.ENGAGE_SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: process.env.ENGAGE_SCREENSHOT_DIR + '/metrics.png', fullPage: true });
  }

  await page.fill('[data-testid=from]', '2026-01-07');
  await page.fill('[data-testid=to]', '2026-01-07');
  await page.click('#controls button[type=submit]');
  await page.waitForFunction(() => /from=2026-01-07/.test(location.search));
  const oneDay = await api('?from=2026-01-07&to=2026-01-07');
  await page.waitForFunction((n) => document.querySelector('[data-testid=kpi-visitors] .kpi-value').textContent === String(n),
    oneDay.figures.visitors);
  assert.equal(oneDay.figures.visitors, 3 + 2 + 2);
  const points = await page.$$eval('[data-testid=series-sessions] circle.point', (cs) => cs.length);
  assert.equal(points, 1);
  assert.deepEqual(page.problems, []);
  await page.close();
});
