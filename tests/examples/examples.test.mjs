// The examples, run the way their READMEs say, in real Chromium against the real collector: every
// click lands in the collector's SQLite database exactly once, with the right fields.
//   script-tag: `node examples/script-tag/serve.mjs`, with a click made before engage.js has loaded.
//   npm-vite:   `npm ci` (when node_modules is missing), `vite build` with VITE_ENGAGE_ENDPOINT set to
//               the collector, `vite preview`; the wasm must be a hashed asset Vite emitted.
import { after, afterEach, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser, openPage, root, startCollector, waitFor } from '../e2e/harness.mjs';

const scriptTagDir = join(root, 'examples/script-tag');
const viteDir = join(root, 'examples/npm-vite');
const viteBin = join(viteDir, 'node_modules/vite/bin/vite.js');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Longer than the SDK's default 1 s flush interval: a duplicate delivery would show up by then. */
const SETTLE_MS = 1500;

let browser;
const cleanups = [];
before(async () => { browser = await launchBrowser(); });
afterEach(async () => { while (cleanups.length) await cleanups.pop()(); });
after(async () => { await browser?.close(); });

/** Starts a node process and resolves with the URL it prints (first group of `pattern`). */
function startServer(args, { cwd, env, pattern }) {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  cleanups.push(stop);
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} printed no URL: ${out}`)), 15000);
    const onData = (chunk) => {
      out += chunk.toString().replace(/\x1b\[[0-9;]*m/g, ''); // vite colours its output on some terminals
      const m = out.match(pattern);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${args.join(' ')} exited ${code}: ${out}`)); });
  });
}

async function freshCollector() {
  const collector = await startCollector();
  cleanups.push(() => collector.stop());
  return collector;
}

async function newPage() {
  const context = await browser.newContext();
  cleanups.push(() => context.close());
  const page = await openPage(context);
  page.batches = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && new URL(req.url()).pathname === '/v1/batch') page.batches.push(JSON.parse(req.postData()));
  });
  return { context, page };
}

/** Waits for `count` stored events, then waits a flush interval longer and checks no more came. */
async function settledEvents(collector, count) {
  await waitFor(() => collector.events().length >= count, { timeout: 15000, message: `${count} stored events` });
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  return collector.events();
}

function assertCommonFields(events, { url, title }) {
  assert.equal(new Set(events.map((e) => e.messageId)).size, events.length, 'every messageId is distinct');
  const anonymousId = events[0].anonymousId;
  assert.match(anonymousId, UUID);
  for (const e of events) {
    assert.match(e.messageId, UUID);
    assert.equal(e.anonymousId, anonymousId, 'one visitor');
    assert.match(e.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(e.context.library.name, 'engage');
    assert.equal(e.context.page.url, url);
    assert.equal(e.context.page.title, title);
  }
  return anonymousId;
}

test('script-tag example: a click before engage.js loads and clicks after it each land once', { timeout: 60000 }, async () => {
  const collector = await freshCollector();
  const endpoint = `${collector.url}/v1/batch`;
  const url = await startServer([join(scriptTagDir, 'serve.mjs')], {
    cwd: scriptTagDir, env: { PORT: '0', ENGAGE_ENDPOINT: endpoint }, pattern: /Script-tag example: (http:\/\/127\.0\.0\.1:\d+\/)/,
  });
  const { context, page } = await newPage();
  let release;
  const held = new Promise((r) => { release = r; });
  await context.route('**/engage/engage.js', async (route) => { await held; await route.continue(); });

  await page.goto(url, { waitUntil: 'domcontentloaded' });
  assert.equal(await page.evaluate(() => Array.isArray(window.engage)), true, 'the snippet stub is in place');
  await page.click('#add-to-cart'); // queued by the snippet
  release();
  await page.waitForFunction(() => !Array.isArray(window.engage));
  await page.evaluate(() => window.engage.ready());
  await page.click('#checkout');
  await page.click('#sign-in');
  await page.click('#add-to-cart');

  const events = await settledEvents(collector, 5);
  assert.deepEqual(events.map((e) => [e.type, e.event ?? null, e.userId ?? null]), [
    ['page', null, null],
    ['track', 'Product Added', null],
    ['track', 'Checkout Started', null],
    ['identify', null, 'user-42'],
    ['track', 'Product Added', 'user-42'],
  ]);
  const anonymousId = assertCommonFields(events, { url, title: 'Engage script-tag example' });
  assert.equal(events[0].context.page.path, '/');
  const product = { product_id: 'mug-blue', name: 'Blue mug', price: 12.5, quantity: 1 };
  assert.deepEqual(events[1].properties, product);
  assert.deepEqual(events[2].properties, { value: 12.5, currency: 'EUR' });
  assert.deepEqual(events[3].traits, { plan: 'free' });
  assert.deepEqual(events[4].properties, product);
  assert.match(await page.textContent('#status'), new RegExp(anonymousId));

  assert.ok(page.batches.length >= 1);
  for (const batch of page.batches) assert.equal(batch.writeKey, 'example-script-tag', 'data-write-key is sent');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.warnings, []);
});

test('npm + Vite example: Vite emits the wasm as an asset and a built page delivers each click once', { timeout: 100000 }, async () => {
  if (!existsSync(viteBin)) {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: viteDir, stdio: 'pipe', timeout: 90000 });
  }
  const collector = await freshCollector();
  const outDir = mkdtempSync(join(tmpdir(), 'engage-vite-dist-'));
  cleanups.push(() => rmSync(outDir, { recursive: true, force: true }));
  execFileSync(process.execPath, [viteBin, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: viteDir, env: { ...process.env, VITE_ENGAGE_ENDPOINT: `${collector.url}/v1/batch` }, stdio: 'pipe', timeout: 60000,
  });

  // The build output: one hashed wasm, byte-identical to the SDK's, referenced by the bundle.
  const assets = readdirSync(join(outDir, 'assets'));
  const wasm = assets.filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one wasm asset in ${assets}`);
  assert.match(wasm[0], /^engage-[\w-]+\.wasm$/);
  assert.ok(readFileSync(join(outDir, 'assets', wasm[0])).equals(readFileSync(join(root, 'js/dist/engage.wasm'))));
  const bundle = assets.filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(outDir, 'assets', f), 'utf8')).join('\n');
  assert.ok(bundle.includes(`/assets/${wasm[0]}`), 'the bundle locates the emitted wasm');
  assert.ok(bundle.includes(`${collector.url}/v1/batch`), 'VITE_ENGAGE_ENDPOINT is built in');

  const url = await startServer([viteBin, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', '0', '--strictPort'], {
    cwd: viteDir, env: {}, pattern: /Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/,
  });
  const { page } = await newPage();
  const wasmResponses = [];
  page.on('response', (res) => { if (res.url().endsWith('.wasm')) wasmResponses.push([new URL(res.url()).pathname, res.status()]); });
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('#status').textContent.startsWith('Engage is ready'));
  assert.deepEqual(wasmResponses, [[`/assets/${wasm[0]}`, 200]]);
  await page.click('#add-to-cart');
  await page.click('#buy');

  const events = await settledEvents(collector, 3);
  assert.deepEqual(events.map((e) => [e.type, e.event ?? null]), [
    ['page', null], ['track', 'Product Added'], ['track', 'Order Completed'],
  ]);
  const anonymousId = assertCommonFields(events, { url, title: 'Engage npm + Vite example' });
  assert.deepEqual(events[1].properties, { product_id: 'mug-green', name: 'Green mug', price: 14, quantity: 1 });
  assert.deepEqual(events[2].properties, { order_id: 'order-1001', revenue: 14, currency: 'EUR' });
  assert.match(await page.textContent('#status'), new RegExp(anonymousId));
  assert.match(await page.textContent('#log'), /track Order Completed: \{"ok":true\}/);

  assert.ok(page.batches.length >= 1);
  for (const batch of page.batches) assert.equal(batch.writeKey, 'example-npm-vite');
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.warnings, []);
});
