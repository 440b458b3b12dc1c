// The SDKs under test and how each is loaded. Every one is a single minified IIFE script from the
// bench origin: Engage's own dist/engage.js (+ engage.wasm, which it fetches), and each peer bundled
// by esbuild from a small entry in peers/ (the entry's start/track become the global `benchPeer`).
// The page then exposes the same two-function adapter, `window.sdk = { start, track }`, for all.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const PEERS = [
  { name: 'segment', label: 'Segment analytics-next', pkg: '@segment/analytics-next' },
  { name: 'snowplow', label: 'Snowplow browser-tracker', pkg: '@snowplow/browser-tracker' },
  { name: 'amplitude', label: 'Amplitude analytics-browser', pkg: '@amplitude/analytics-browser' },
];

const ENGAGE_ADAPTER = `window.sdk = {
  start: (origin) => { engage.init({ writeKey: 'bench', endpoint: origin + '/v1/batch' }); return engage.ready(); },
  track: (event, properties) => engage.track(event, properties),
};`;
const PEER_ADAPTER = 'window.sdk = benchPeer;';

function version(root, pkg) {
  return JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

/** raw / gzip (level 9) / brotli (quality 11) bytes, as js/build.mjs reports them. */
export function sizes(paths) {
  const total = { raw: 0, gzip: 0, brotli: 0 };
  const files = paths.map((path) => {
    const bytes = readFileSync(path);
    const row = { file: path.split('/').pop(), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length };
    for (const k of Object.keys(total)) total[k] += row[k];
    return row;
  });
  return { ...total, files };
}

/** Bundles the peers into outDir and returns every SDK with its files, sizes and page adapter. */
export async function prepareSdks(root, outDir) {
  const dist = join(root, 'js', 'dist');
  for (const f of ['engage.js', 'engage.wasm']) {
    if (!existsSync(join(dist, f))) throw new Error(`js/dist/${f} is missing: run node js/build.mjs`);
  }
  const engage = {
    name: 'engage',
    label: 'Engage',
    version: JSON.parse(readFileSync(join(root, 'js', 'package.json'), 'utf8')).version,
    script: '/sdk/engage.js',
    files: { '/sdk/engage.js': join(dist, 'engage.js'), '/sdk/engage.wasm': join(dist, 'engage.wasm') },
    adapter: ENGAGE_ADAPTER,
  };
  const sdks = [engage];
  for (const peer of PEERS) {
    const outfile = join(outDir, `${peer.name}.js`);
    await build({
      entryPoints: [join(root, 'bench', 'sdk', 'peers', `${peer.name}.js`)],
      bundle: true,
      minify: true,
      format: 'iife',
      globalName: 'benchPeer',
      target: ['es2020'],
      platform: 'browser',
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
      outfile,
    });
    sdks.push({ ...peer, version: version(root, peer.pkg), script: `/sdk/${peer.name}.js`, files: { [`/sdk/${peer.name}.js`]: outfile }, adapter: PEER_ADAPTER });
  }
  for (const sdk of sdks) sdk.bytes = sizes(Object.values(sdk.files));
  return sdks;
}

/** The test page of one SDK: mark, load the script, start it, note when it is ready. */
export function pageHtml(sdk) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Bench ${sdk.label}</title>
<script>window.__t0 = performance.now();</script>
<script src="${sdk.script}"></script>
<script>${sdk.adapter}
window.__ready = Promise.resolve(sdk.start(location.origin)).then(() => { window.__readyMs = performance.now() - window.__t0; });</script>
</head><body><h1>Product page</h1></body></html>`;
}

export const AWAY_HTML = '<!doctype html><html><head><meta charset="utf-8"><title>Away</title></head><body>elsewhere</body></html>';
