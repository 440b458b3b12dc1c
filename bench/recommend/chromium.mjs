// engage.recommend() in headless Chromium on the synthetic 50,000-item model that run.sh writes
// (bench/results/recommend-50k.egrm; pass --model PATH for another). Measures: model bytes raw and
// brotli (-q 11), engage.recommendations.load(Uint8Array) time (base64 + crossing + validation),
// and engage.recommend() top-20 latency (p50 / p99 over --calls calls, product context with a
// visitor session built from Product Viewed events). Usage (after js/dist is built):
//   node bench/recommend/chromium.mjs [--calls 2000] [--model PATH]
// Writes bench/results/recommend-chromium.json.
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const argOf = (name, fallback) => { const i = process.argv.indexOf(`--${name}`); return i > 0 ? process.argv[i + 1] : fallback; };
const CALLS = Number(argOf('calls', 2000));
const modelPath = resolve(argOf('model', join(root, 'bench/results/recommend-50k.egrm')));
const model = readFileSync(modelPath);
const brotli = brotliCompressSync(model, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24 } }).length;

const PAGE = `<!doctype html><script src="/engage.js" data-write-key="bench" data-endpoint="/sink"></script>`;
const files = { '/engage.js': join(root, 'js/dist/engage.js'), '/engage.wasm': join(root, 'js/dist/engage.wasm'), '/model': modelPath };
const TYPES = { '/engage.js': 'text/javascript', '/engage.wasm': 'application/wasm', '/model': 'application/octet-stream' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  if (path === '/') return res.writeHead(200, { 'Content-Type': 'text/html' }).end(PAGE);
  if (path === '/sink') return res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
  if (files[path]) return res.writeHead(200, { 'Content-Type': TYPES[path], 'Cache-Control': 'no-store' }).end(readFileSync(files[path]));
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(origin);
  const r = await page.evaluate(async (calls) => {
    await engage.ready();
    const bytes = new Uint8Array(await (await fetch('/model')).arrayBuffer());
    const loads = [];
    let items = 0;
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      items = await engage.recommendations.load(bytes);
      loads.push(performance.now() - t0);
    }
    const popular = engage.recommend({ context: 'home', k: 50 }).map((x) => x.id);
    for (const id of popular.slice(0, 5)) engage.track('Product Viewed', { product_id: id });
    await engage.flush?.();
    const times = [];
    let returned = 0;
    for (let i = 0; i < calls; i++) {
      const item = popular[i % popular.length];
      const t0 = performance.now();
      const out = engage.recommend({ context: 'product', item, k: 20 });
      times.push(performance.now() - t0);
      returned += out.length;
    }
    return { items, loads, times, meanReturned: returned / calls };
  }, CALLS);
  const sorted = (xs) => [...xs].sort((a, b) => a - b);
  const pct = (xs, p) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
  const version = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0]);
  const result = {
    chromium: version, items: r.items, modelBytes: model.length, modelBrotli: brotli,
    loadMsMedian: pct(r.loads, 0.5), loadMs: r.loads,
    recommendP50Ms: pct(r.times, 0.5), recommendP99Ms: pct(r.times, 0.99), calls: CALLS, meanReturned: r.meanReturned,
  };
  console.log(JSON.stringify(result, (k, v) => (typeof v === 'number' ? Math.round(v * 1000) / 1000 : v), 1));
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/recommend-chromium.json'), JSON.stringify(result, null, 2));
} finally {
  await browser.close();
  server.close();
}
