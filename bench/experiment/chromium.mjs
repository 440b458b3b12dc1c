// Feature evaluation in headless Chromium: engage.feature() against GrowthBook's JS SDK
// (@growthbook/growthbook, installed at the repo root) in the same page, same run, same features and
// attributes. Usage (after scripts/build.sh, or js/dist built):
//   node bench/experiment/chromium.mjs [--rounds 9] [--ms 60]
// Prints a markdown table (ns per call, median over rounds; the ratio GrowthBook / Engage) and
// writes bench/results/experiment-chromium.json with every sample. Each round times every
// (SDK, feature) pair for about --ms milliseconds, in an order that alternates between rounds.
// "Engage miss" is the cost when the memo was just invalidated (features, attributes, URL,
// identity or consent changed): one crossing into the wasm core with JSON each way.
import { build } from 'esbuild';
import { createServer } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROUNDS = arg('rounds', 9);
const TARGET_MS = arg('ms', 60);

// The native bench's features (bench/experiment/eval_bench.cpp), as a GrowthBook payload.
const FEATURES = {
  'simple-flag': { defaultValue: true },
  'targeted-flag': { defaultValue: false, rules: [{ condition: { country: { $in: ['US', 'CA'] }, plan: 'pro' }, force: true }] },
  'rollout-flag': { defaultValue: false, rules: [{ force: true, coverage: 0.5, hashVersion: 2 }] },
  'experiment-flag': { defaultValue: 'blue', rules: [{ key: 'checkout-test', hashVersion: 2, variations: ['blue', 'green'], meta: [{ key: 'control' }, { key: 'treatment' }] }] },
  'regex-flag': { defaultValue: 0, rules: [{ condition: { ua: { $regex: '(iPhone|Android).*Mobile' } }, force: 1 }] },
};
const ATTRIBUTES = { id: 'visitor-123', country: 'US', plan: 'pro', ua: 'Mozilla/5.0 (Linux; Android 14) Chrome/120 Mobile Safari/537.36' };

const gbBundle = (await build({
  stdin: { contents: "export { GrowthBook } from '@growthbook/growthbook';", resolveDir: root },
  bundle: true, minify: true, format: 'iife', globalName: 'GB', target: ['es2020'], write: false, logLevel: 'warning',
})).outputFiles[0].text;

const PAGE = `<!doctype html><title>feature bench</title>
<script src="/growthbook.js"></script><script src="/engage.js" data-write-key="bench" data-endpoint="/sink" data-autocapture="false"></script>
<script>
window.setup = async (features, attributes) => {
  await engage.ready();
  const loaded = await engage.features.load({ features });
  engage.setAttributes(attributes);
  const gb = new GB.GrowthBook({ features, attributes, trackingCallback: () => {} });
  const sdks = {
    engage: (k) => engage.feature(k),
    growthbook: (k) => gb.evalFeature(k),
    'engage miss': (k) => engage.command({ op: 'feature', key: k }),
  };
  // The same answers from both (and from a crossing): a compatibility check before timing anything.
  const answers = {};
  for (const k of Object.keys(features)) answers[k] = Object.fromEntries(Object.entries(sdks).map(([n, f]) => [n, f(k).value]));
  window.sdks = sdks;
  return { loaded, answers };
};
// Times calls of one SDK for one feature for about targetMs; ns per call.
window.time = (sdk, key, targetMs) => {
  const f = window.sdks[sdk];
  let n = 64, sink = 0;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) sink += f(key).on ? 1 : 0;
    const ms = performance.now() - t0;
    if (ms >= targetMs) return { ns: (ms * 1e6) / n, n, sink };
    n = Math.min(n * Math.max(2, Math.ceil(targetMs / Math.max(ms, 0.05))), 1 << 26);
  }
};
</script>`;

const files = { '/engage.js': join(root, 'js/dist/engage.js'), '/engage.wasm': join(root, 'js/dist/engage.wasm') };
const TYPES = { js: 'text/javascript', wasm: 'application/wasm' };
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const headers = { 'Cache-Control': 'no-store', 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
  if (path === '/') return res.writeHead(200, { ...headers, 'Content-Type': 'text/html' }).end(PAGE);
  if (path === '/growthbook.js') return res.writeHead(200, { ...headers, 'Content-Type': TYPES.js }).end(gbBundle);
  if (path === '/sink') return res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}');
  if (files[path]) return res.writeHead(200, { ...headers, 'Content-Type': TYPES[path.split('.').pop()] }).end(readFileSync(files[path]));
  res.writeHead(404).end();
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error('page error:', e));
  await page.goto(origin);
  const { loaded, answers } = await page.evaluate(([f, a]) => window.setup(f, a), [FEATURES, ATTRIBUTES]);
  if (!loaded.ok) throw new Error(`features not loaded: ${JSON.stringify(loaded)}`);
  for (const [key, byName] of Object.entries(answers)) {
    const values = Object.values(byName).map((v) => JSON.stringify(v));
    if (new Set(values).size !== 1) throw new Error(`${key}: the SDKs disagree ${JSON.stringify(byName)}`);
  }
  const version = await page.evaluate(() => navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0]);
  const sdks = ['engage', 'growthbook', 'engage miss'];
  const samples = {};
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 ? [...sdks].reverse() : sdks;
    for (const key of Object.keys(FEATURES)) {
      for (const sdk of order) {
        const r = await page.evaluate(([s, k, ms]) => window.time(s, k, ms), [sdk, key, sdk === 'engage miss' ? TARGET_MS / 3 : TARGET_MS]);
        ((samples[key] ??= {})[sdk] ??= []).push(r.ns);
      }
    }
  }
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1]; };
  const rows = Object.keys(FEATURES).map((key) => {
    const m = Object.fromEntries(sdks.map((s) => [s, median(samples[key][s])]));
    return { feature: key, engage: m.engage, growthbook: m.growthbook, engageMiss: m['engage miss'], ratio: m.growthbook / m.engage };
  });
  const fmt = (ns) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(1)} ns`);
  console.log(`\nFeature evaluation in ${version} (headless), median of ${ROUNDS} rounds, ns per call\n`);
  console.log('| feature | engage.feature() | GrowthBook evalFeature() | GrowthBook / Engage | Engage miss (crossing) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.feature} | ${fmt(r.engage)} | ${fmt(r.growthbook)} | ${r.ratio.toFixed(1)}x | ${fmt(r.engageMiss)} |`);
  const worstRatio = Math.min(...rows.map((r) => r.ratio));
  const worstEngage = Math.max(...rows.map((r) => r.engage));
  console.log(`\nslowest engage.feature(): ${fmt(worstEngage)} (target < 1 µs); smallest ratio: ${worstRatio.toFixed(1)}x (target >= 5x)`);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/experiment-chromium.json'), JSON.stringify({ chromium: version, rounds: ROUNDS, targetMs: TARGET_MS, growthbook: JSON.parse(readFileSync(join(root, 'node_modules/@growthbook/growthbook/package.json'), 'utf8')).version, rows, samples }, null, 2));
} finally {
  await browser.close();
  server.close();
}
