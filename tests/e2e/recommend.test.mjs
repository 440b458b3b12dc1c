// Recommendations in real Chromium against the real collector: the demo shop's slots are filled
// from the collector's model (an empty database is seeded with a generated history), follow what
// the visitor views, and their impressions and clicks reach the collector with the slot's list_id.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchBrowser, openPage, startCollector, waitFor } from './harness.mjs';

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

async function slot(page, selector) {
  await page.waitForSelector(`${selector}[data-ready="true"]`, { timeout: 15000 });
  return page.$$eval(`${selector} [data-engage-item]`, (nodes) => nodes.map((n) => n.getAttribute('data-engage-item')));
}

test('the shop slots are personalised by what the visitor views, and their clicks reach the collector', async () => {
  const rebuilt = await (await fetch(`${collector.url}/v1/recommendations/model`, { method: 'POST', body: '' })).json();
  assert.equal(rebuilt.ok, true);
  assert.equal(rebuilt.seeded, true, 'an empty database gets the generated history');

  const context = await browser.newContext();
  const page = await openPage(context);
  await page.goto(`${collector.url}/product.html?id=stoneware-mug`);
  const also = await slot(page, '#also-viewed');
  assert.equal(also[0], 'pour-over-kettle', `also viewed: ${also}`);
  assert.ok(!also.includes('stoneware-mug'));

  await page.goto(`${collector.url}/`);
  const afterMug = await slot(page, '#recommended');
  assert.equal(afterMug[0], 'pour-over-kettle', `home after the mug: ${afterMug}`);

  await page.goto(`${collector.url}/product.html?id=aurora-lamp`);
  await slot(page, '#also-viewed');
  await page.goto(`${collector.url}/`);
  const afterLamp = await slot(page, '#recommended');
  assert.notDeepEqual(afterLamp, afterMug, 'the slot follows the visitor');
  assert.ok(afterLamp.includes('pilea-plant'), `home after the lamp: ${afterLamp}`);
  assert.ok(!afterLamp.includes('aurora-lamp') && !afterLamp.includes('stoneware-mug'), 'viewed items are not re-shown');

  await page.click(`#recommended [data-engage-item="${afterLamp[0]}"]`);
  await page.waitForLoadState('load');
  const events = await waitFor(() => {
    const all = collector.events();
    return all.some((e) => e.event === 'Product Clicked') && all.some((e) => e.event === 'Product List Viewed') ? all : null;
  }, { message: 'Product Clicked and Product List Viewed', timeout: 15000 });
  const click = events.find((e) => e.event === 'Product Clicked');
  assert.equal(click.properties.list_id, 'home-recommended');
  assert.equal(click.properties.product_id, afterLamp[0]);
  assert.equal(click.properties.position, 1);
  const lists = events.filter((e) => e.event === 'Product List Viewed').map((e) => e.properties.list_id);
  assert.ok(lists.includes('home-recommended') && lists.includes('product-also-viewed'), `lists: ${lists}`);
  assert.deepEqual(page.errors, []);
  await context.close();
});
