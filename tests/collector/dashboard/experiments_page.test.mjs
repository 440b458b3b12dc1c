// The experiments page in real Chromium against the real collector: a planted population (2,000
// visitors split 55/45 under an equal design, variation 1 converting 15% vs 10%) shows the lift with
// the right sign in the table and the SVG interval chart, and the SRM warning; a balanced
// experiment shows no warning.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { startCollector, launchBrowser, openPage, track } from './harness.mjs';

const START = Date.UTC(2026, 0, 5);
let collector, browser;

// Deterministic: visitor i is in variation 1 when i >= split; converts when i % 20 < rate * 20.
function population(experiment, visitors, split, rates) {
  const events = [];
  const counts = { visitors: [0, 0], conversions: [0, 0] };
  for (let i = 0; i < visitors; i++) {
    const visitor = `${experiment}-v${i}`;
    const arm = i >= split ? 1 : 0;
    const at = START + i * 1000;
    counts.visitors[arm]++;
    events.push(track(visitor, at, 'Experiment Viewed', { experimentId: experiment, variationId: String(arm), variationIndex: arm }));
    if (i % 20 < rates[arm] * 20) {
      events.push(track(visitor, at + 30000, 'Order Completed', { revenue: 20 }));
      counts.conversions[arm]++;
    }
  }
  return { events, counts };
}

let planted;
before(async () => {
  collector = await startCollector();
  planted = population('checkout-button', 2000, 1100, [0.10, 0.15]);
  await collector.post(planted.events);
  await collector.post(population('hero-banner', 400, 200, [0.1, 0.1]).events);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await collector?.stop();
});

test('planted lift and SRM are shown in the table, the chart and the warning', async () => {
  const page = await openPage(browser);
  await page.goto(collector.url + '/dashboard/experiments.html?id=checkout-button&goal=Order%20Completed');
  await page.waitForSelector('[data-testid=results-table] tbody tr');
  const rows = await page.$$eval('[data-testid=results-table] tbody tr', (trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.equal(rows.length, 2);
  assert.deepEqual(rows.map((r) => r[0]), ['0', '1']);
  assert.deepEqual(rows.map((r) => Number(r[1].replace(/\D/g, ''))), planted.counts.visitors);
  assert.deepEqual(rows.map((r) => Number(r[2].replace(/\D/g, ''))), planted.counts.conversions);
  assert.equal(rows[0][4], 'baseline');
  assert.match(rows[1][4], /^\+\d+\.\d% \[\+\d+\.\d%, \+\d+\.\d%\]$/, 'a positive lift whose interval excludes 0');

  const warning = page.locator('[data-testid=srm-warning]');
  assert.equal(await warning.isVisible(), true);
  assert.match(await warning.textContent(), /Sample ratio mismatch .* observed 1,100 \/ 900 visitors/);

  const intervals = await page.$$eval('[data-testid=interval-chart] g.interval', (gs) =>
    gs.map((g) => ({ variation: g.dataset.variation, good: g.classList.contains('good'),
      dot: Number(g.querySelector('circle').getAttribute('cx')) })));
  assert.equal(intervals.length, 1);
  assert.equal(intervals[0].variation, '1');
  assert.equal(intervals[0].good, true);
  const zero = await page.$eval('[data-testid=interval-chart] line.zero', (l) => Number(l.getAttribute('x1')));
  assert.ok(intervals[0].dot > zero, 'the estimate is drawn right of the zero line');

  if (process.env.ENGAGE_SCREENSHOT_DIR) {
    mkdirSync(process.env.ENGAGE_SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: process.env.ENGAGE_SCREENSHOT_DIR + '/experiments.png', fullPage: true });
  }

  await page.selectOption('[data-testid=experiment-select]', 'hero-banner');
  await page.waitForFunction(() => document.getElementById('results-title').textContent.startsWith('hero-banner'));
  assert.equal(await warning.isVisible(), false, 'a 50/50 split raises no SRM warning');
  assert.match(page.url(), /id=hero-banner/);
  assert.deepEqual(page.problems, []);
  await page.close();
});

test('revenue metric and an unknown experiment', async () => {
  const page = await openPage(browser);
  await page.goto(collector.url + '/dashboard/experiments.html?id=checkout-button&metric=revenue');
  await page.waitForSelector('[data-testid=results-table] tbody tr');
  const header = await page.$$eval('[data-testid=results-table] th', (ths) => ths.map((th) => th.textContent));
  assert.ok(header.includes('Revenue'));
  const revenue = await page.$$eval('[data-testid=results-table] tbody tr td:nth-child(3)', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(revenue.map((t) => Number(t.replace(/[^\d.]/g, ''))), planted.counts.conversions.map((c) => c * 20));
  assert.deepEqual(page.problems, []);
  await page.close();
});
