// The bench's one origin on 127.0.0.1: it serves the test pages and every SDK's script (so all are
// loaded the same way, uncached), answers 200 to the peers' event endpoints while counting the
// events in their request bodies, forwards Engage's /v1/batch to the real collector, and refuses
// (and records) anything addressed to another host, so nothing reaches the internet.
import { createServer, request as httpRequest } from 'node:http';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html; charset=utf-8' };

/** Each peer's request body → the bench events in it: { tag (properties.bench), id (the SDK's event id) }. */
const EXTRACT = {
  segment: (body) => (Array.isArray(body.batch) ? body.batch : [body])
    .map((e) => ({ tag: e.properties?.bench, id: e.messageId })),
  snowplow: (body) => (Array.isArray(body.data) ? body.data : []).map((p) => {
    const json = p.ue_pr ?? (p.ue_px ? Buffer.from(p.ue_px, 'base64url').toString('utf8') : null);
    const data = json ? JSON.parse(json).data?.data : null;
    return { tag: data?.bench, id: p.eid };
  }),
  amplitude: (body) => (Array.isArray(body.events) ? body.events : [])
    .map((e) => ({ tag: e.event_properties?.bench, id: e.insert_id })),
};

function reply(sdk, events, bodyBytes) {
  if (sdk !== 'amplitude') return '{"ok":true}';
  // Amplitude reads its server's JSON answer.
  return JSON.stringify({ code: 200, events_ingested: events, payload_size_bytes: bodyBytes, server_upload_time: Date.now() });
}

/**
 * files: { '/sdk/name.js': absolutePath, ... }; page(path) → html or null; collectorUrl: where
 * /v1/batch goes. Returns { origin, count(sdk, tag), traffic(sdk), external, stop() }.
 */
export async function startBenchServer({ files, page, collectorUrl }) {
  const seen = new Map(); // sdk → tag → Set of event ids (a resent event counts once)
  const traffic = new Map(); // sdk → { requests, bytes }
  const external = [];
  const note = (sdk, bytes) => {
    const t = traffic.get(sdk) ?? { requests: 0, bytes: 0 };
    t.requests += 1;
    t.bytes += bytes;
    traffic.set(sdk, t);
  };

  const server = createServer((req, res) => {
    if (/^[a-z]+:\/\//i.test(req.url)) { // a proxied request for another host
      external.push(req.url);
      res.writeHead(403).end();
      return;
    }
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/v1/batch') return forward(req, res, collectorUrl, (bytes) => note('engage', bytes));
    const sink = path.match(/^\/sink\/([a-z]+)\//);
    if (sink) return receive(req, res, sink[1]);
    const html = req.method === 'GET' ? page(path) : null;
    if (html !== null) return send(res, 200, TYPES['.html'], html, ISOLATED);
    const file = files[path];
    if (file && req.method === 'GET') return send(res, 200, TYPES[path.slice(path.lastIndexOf('.'))], readFileSync(file));
    send(res, 404, 'text/plain', 'not found');
  });
  server.on('connect', (req, socket) => { // https through the proxy
    external.push(`https://${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });

  function receive(req, res, sdk) {
    readBody(req, (raw) => {
      note(sdk, raw.length);
      let events = [];
      try {
        const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
        events = EXTRACT[sdk]?.(JSON.parse(text)) ?? [];
      } catch { /* not a body we understand: counts nothing */ }
      const byTag = seen.get(sdk) ?? new Map();
      seen.set(sdk, byTag);
      for (const { tag, id } of events) {
        if (typeof tag !== 'string') continue;
        if (!byTag.has(tag)) byTag.set(tag, new Set());
        byTag.get(tag).add(id ?? `${byTag.get(tag).size}`);
      }
      send(res, 200, 'application/json', reply(sdk, events.length, raw.length));
    });
  }

  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    count: (sdk, tag) => seen.get(sdk)?.get(tag)?.size ?? 0,
    traffic: (sdk) => ({ ...(traffic.get(sdk) ?? { requests: 0, bytes: 0 }) }),
    external,
    stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

// Pages are cross-origin isolated so that performance.now() has its fine (5 µs) resolution;
// everything they load is same-origin, so the isolation changes nothing else.
const ISOLATED = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

function send(res, status, type, body, extraHeaders = {}) {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...extraHeaders });
  res.end(body);
}

function readBody(req, done) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => done(Buffer.concat(chunks)));
}

/** Passes one request to the collector and its answer back; `onBody` sees the request size. */
function forward(req, res, target, onBody) {
  readBody(req, (raw) => {
    if (req.method === 'POST') onBody(raw.length);
    const headers = { ...req.headers, host: new URL(target).host, 'content-length': String(raw.length) };
    const upstream = httpRequest(new URL(req.url, target), { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => send(res, 502, 'text/plain', 'collector unreachable'));
    upstream.end(raw);
  });
}
