// Builds js/dist from js/src and the wasm build: engage.js (script tag, global `engage`),
// engage.mjs (ESM for npm), engage.wasm and engage.d.ts; prints sizes and SRI hashes.
// Usage: node js/build.mjs [--wasm-dir build/wasm/bin]
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
const argIndex = process.argv.indexOf('--wasm-dir');
const wasmDir = resolve(root, argIndex > 0 ? process.argv[argIndex + 1] : 'build/wasm/bin');
const dist = join(here, 'dist');
mkdirSync(dist, { recursive: true });
// The Emscripten glue is CommonJS; the repo's package.json says "module", so bundle a .cjs copy.
const glue = join(root, 'build', 'js-glue', 'engage-core.cjs');
mkdirSync(dirname(glue), { recursive: true });
copyFileSync(join(wasmDir, 'engage-core.js'), glue);

const common = {
  bundle: true,
  minify: true,
  target: ['es2020'],
  alias: { 'engage-core-glue': glue },
  legalComments: 'none',
  logLevel: 'warning',
};
await build({ ...common, entryPoints: [join(here, 'src/script.ts')], format: 'iife', outfile: join(dist, 'engage.js') });
await build({ ...common, entryPoints: [join(here, 'src/index.ts')], format: 'esm', outfile: join(dist, 'engage.mjs') });
copyFileSync(join(wasmDir, 'engage-core.wasm'), join(dist, 'engage.wasm'));

// Types: declarations of src/types.ts plus the module's exports.
const tmp = join(root, 'build', 'js-types');
rmSync(tmp, { recursive: true, force: true });
execFileSync(join(root, 'node_modules/.bin/tsc'), [join(here, 'src/types.ts'), '--declaration', '--emitDeclarationOnly', '--skipLibCheck', '--lib', 'ES2020,DOM', '--outDir', tmp], { stdio: 'inherit' });
writeFileSync(join(dist, 'engage.d.ts'), readFileSync(join(tmp, 'types.d.ts'), 'utf8') +
  `\n/** The shared client. */\nexport declare const engage: Engage;\nexport default engage;\n` +
  `/** A new, independent client; wasmUrl defaults to engage.wasm next to engage.mjs. */\n` +
  `export declare function createEngage(wasmUrl?: string): Engage;\n`);

const rows = [];
for (const name of ['engage.js', 'engage.mjs', 'engage.wasm']) {
  const bytes = readFileSync(join(dist, name));
  rows.push({
    file: name,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes).length,
    sri: 'sha384-' + createHash('sha384').update(bytes).digest('base64'),
  });
}
writeFileSync(join(dist, 'sizes.json'), JSON.stringify(rows, null, 2));
for (const r of rows) console.log(`${r.file.padEnd(12)} ${String(r.raw).padStart(7)} B raw ${String(r.gzip).padStart(7)} B gzip ${String(r.brotli).padStart(7)} B brotli  ${r.sri}`);

// `node js/build.mjs --update-readme`: writes the hashes into README.md between the sri markers.
if (process.argv.includes('--update-readme')) {
  const readmePath = join(root, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const block = ['<!-- sri:start -->', '```html',
    ...rows.filter((r) => r.file !== 'engage.mjs').map((r) => r.file === 'engage.js'
      ? `<script async src="https://your.cdn/engage/engage.js" integrity="${r.sri}" crossorigin="anonymous"\n        data-write-key="YOUR_KEY"></script>`
      : `<!-- ${r.file}: ${r.sri} (fetched by engage.js; serve it as application/wasm) -->`),
    '```', '<!-- sri:end -->'].join('\n');
  writeFileSync(readmePath, readme.replace(/<!-- sri:start -->[\s\S]*?<!-- sri:end -->/, block));
}
