// What the dashboard page tests share: the collector binary from the build that runs the tests
// (ENGAGE_COLLECTOR_BIN, set by ctest), started on a free loopback port with a fresh SQLite file;
// headless Chromium through playwright-core; and planted event populations posted over HTTP.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const collectorBin = process.env.ENGAGE_COLLECTOR_BIN || join(root, 'build/native/bin/engage-collector');

export async function startCollector() {
  const dir = mkdtempSync(join(tmpdir(), 'engage-dashboard-'));
  const child = spawn(collectorBin, ['--port', '0', '--db', join(dir, 'engage.db'), '--root', root],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`collector did not start: ${out}`)), 10000);
    const onData = (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) { clearTimeout(timer); resolveUrl(m[1]); }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`collector exited ${code}: ${out}`)); });
  });
  return {
    url,
    async post(events) {
      for (let i = 0; i < events.length; i += 500) {
        const res = await fetch(url + '/v1/batch', { method: 'POST', headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ batch: events.slice(i, i + 500), sentAt: new Date().toISOString() }) });
        if (res.status !== 200) throw new Error(`batch refused: ${res.status} ${await res.text()}`);
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records page errors and failed requests, which every test expects to stay empty. */
export async function openPage(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.problems = [];
  page.on('pageerror', (err) => page.problems.push(String(err)));
  page.on('requestfailed', (req) => page.problems.push('request failed: ' + req.url()));
  page.on('response', (res) => { if (res.status() >= 500) page.problems.push(res.status() + ' ' + res.url()); });
  return page;
}

export function iso(ms) { return new Date(ms).toISOString(); }

let nextId = 0;
export function track(visitor, ms, event, properties = {}) {
  return { type: 'track', event, properties, anonymousId: visitor, messageId: `m-${++nextId}`, timestamp: iso(ms) };
}
export function page(visitor, ms, path) {
  return { type: 'page', properties: {}, anonymousId: visitor, messageId: `m-${++nextId}`, timestamp: iso(ms),
    context: { page: { path, url: 'https://shop.example' + path } } };
}
