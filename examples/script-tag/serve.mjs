// Serves the script-tag example: index.html at / and the built SDK (js/dist) at /engage/.
// No dependencies beyond node. Environment:
//   PORT             port to listen on (default 5500; 0 picks a free one)
//   HOST             address to listen on (default 127.0.0.1)
//   ENGAGE_ENDPOINT  where the page sends its batches; replaces the data-endpoint written in
//                    index.html (default: leave it as written, http://127.0.0.1:8080/v1/batch)
//   ENGAGE_SDK_DIR   folder holding engage.js and engage.wasm (default: ../../js/dist)
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const sdkDir = resolve(process.env.ENGAGE_SDK_DIR || join(here, '../../js/dist'));
const port = Number(process.env.PORT ?? 5500);
const host = process.env.HOST || '127.0.0.1';
const endpoint = process.env.ENGAGE_ENDPOINT;

if (!existsSync(join(sdkDir, 'engage.js'))) {
  console.error(`engage.js not found in ${sdkDir}: build the SDK first (scripts/build.sh, or node js/build.mjs).`);
  process.exit(1);
}

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.json': 'application/json', '.ts': 'text/plain', '.html': 'text/html; charset=utf-8' };

function pageHtml() {
  const html = readFileSync(join(here, 'index.html'), 'utf8');
  if (!endpoint) return html;
  // JSON.stringify gives a quoted, escaped value; an endpoint is a URL, so it holds no HTML specials.
  return html.replace(/data-endpoint="[^"]*"/, `data-endpoint=${JSON.stringify(endpoint)}`);
}

/** The file under sdkDir for a /engage/<name> path, or null if it would leave that folder. */
function sdkFile(pathname) {
  const file = normalize(join(sdkDir, decodeURIComponent(pathname.slice('/engage/'.length))));
  return file.startsWith(sdkDir + sep) ? file : null;
}

const server = createServer(async (req, res) => {
  const { pathname } = new URL(req.url, 'http://localhost');
  const send = (status, type, body) => { res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' }); res.end(body); };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed\n');
  if (pathname === '/' || pathname === '/index.html') return send(200, TYPES['.html'], pageHtml());
  const file = pathname.startsWith('/engage/') ? sdkFile(pathname) : null;
  if (!file) return send(404, 'text/plain', 'not found\n');
  try {
    const body = await readFile(file);
    send(200, TYPES[file.slice(file.lastIndexOf('.'))] ?? 'application/octet-stream', body);
  } catch {
    send(404, 'text/plain', 'not found\n');
  }
});

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`Script-tag example: http://${host}:${actual}/`);
  console.log(`Batches go to:      ${endpoint ?? 'http://127.0.0.1:8080/v1/batch (as written in index.html)'}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => { server.close(() => process.exit(0)); server.closeAllConnections(); });
