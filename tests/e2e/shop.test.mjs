// The demo shop as a customer uses it, in real Chromium against the real collector: home, two
// products, add to cart, cart, checkout, order. Every expected event lands in SQLite once, with the
// right fields, and the calls the pages make before the wasm has loaded are among them, in order.
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

test('a scripted visit to the demo shop lands every expected event once', async () => {
  const context = await browser.newContext();
  const page = await openPage(context);
  const base = collector.url;
  await page.goto(`${base}/`);
  await page.click('[data-testid=product-card-aurora-lamp]');
  await page.waitForSelector('#add-to-cart');
  await page.fill('#quantity', '2');
  await page.click('#add-to-cart');
  await page.goto(`${base}/product.html?id=merino-beanie`);
  await page.click('#add-to-cart');
  await page.click('#cart-link');
  await page.waitForSelector('[data-testid=cart-line-aurora-lamp]');
  await page.click('#checkout-button');
  await page.waitForSelector('#place-order');
  await page.click('#place-order');
  await page.waitForSelector('#order-confirmation:not([hidden])');
  await page.evaluate(() => engage.flush());

  // The shop's commerce events; recommendation slots and the checkout experiment add their own
  // (Product List Viewed, Experiment Viewed), checked in their own tests.
  const commerce = (e) => e.type === 'track' && !['Product List Viewed', 'Product Clicked', 'Experiment Viewed'].includes(e.event);
  const expected = ['Product Viewed', 'Product Added', 'Product Viewed', 'Product Added', 'Cart Viewed', 'Checkout Started', 'Order Completed'];
  const tracks = await waitFor(() => {
    const t = collector.events().filter(commerce);
    return t.length >= expected.length && t;
  }, { message: 'shop events', timeout: 15000 }).catch((error) => {
    const got = collector.events().map((e) => `${e.type} ${e.event ?? e.context.page.path}`);
    throw new Error(`${error.message}; stored: ${got.join(', ')}`);
  });
  await new Promise((r) => setTimeout(r, 1200));
  const all = collector.events();
  assert.deepEqual(all.filter(commerce).map((e) => e.event), expected, 'each once, in order');
  const pages = all.filter((e) => e.type === 'page').map((e) => e.context.page.path);
  assert.deepEqual(pages, ['/', '/product.html', '/product.html', '/cart.html', '/checkout.html']);
  const identify = all.filter((e) => e.type === 'identify');
  assert.equal(identify.length, 1);

  const [viewed, added] = tracks;
  assert.equal(viewed.properties.product_id, 'aurora-lamp');
  assert.equal(typeof viewed.properties.price, 'number');
  assert.equal(added.properties.quantity, 2);
  assert.match(viewed.context.page.url, /product\.html\?id=aurora-lamp/);
  const order = all.find((e) => e.event === 'Order Completed');
  assert.ok(order.properties.order_id);
  assert.equal(order.properties.products.length, 2);
  assert.ok(order.properties.total > 0);
  assert.equal(order.userId, identify[0].userId, 'the order is tied to the identified user');

  const anon = new Set(all.map((e) => e.anonymousId));
  assert.equal(anon.size, 1, 'one visitor across all pages');
  assert.equal(new Set(all.map((e) => e.messageId)).size, all.length);
  // Product Viewed is called inline by the product page, before engage.js (async) has loaded:
  // the stub queued it, and it arrives before the add-to-cart of the same page.
  const position = (e) => all.findIndex((x) => x.messageId === e.messageId);
  assert.ok(position(viewed) >= 0 && position(viewed) < position(added));
  assert.deepEqual(page.errors, []);
  await context.close();
});
