// Shared pieces of the browser tests: the real collector on a free loopback port with a fresh
// SQLite database, headless Chromium through playwright-core, and reads of what was stored.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const collectorBin = join(root, 'build/native/bin/engage-collector');
// Reads of the whole database (the soak and two-tab tests store megabytes).
const SQLITE_BUFFER = 1024 * 1024 * 1024;

export async function startCollector(extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'engage-e2e-'));
  const db = join(dir, 'engage.db');
  const child = spawn(collectorBin, ['--host', '127.0.0.1', '--port', '0', '--db', db, '--root', root, ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
    child.on('exit', (code) => reject(new Error(`collector exited ${code}: ${out}`)));
  });
  return {
    url,
    db,
    events: () => storedEvents(db),
    query: (sql) => { const out = execFileSync('sqlite3', ['-json', db, sql], { encoding: 'utf8', maxBuffer: SQLITE_BUFFER }); return out.trim() ? JSON.parse(out) : []; },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.on('exit', r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every stored event, in insertion order, read from the SQLite file itself. */
export function storedEvents(db) {
  const out = execFileSync('sqlite3', ['-json', db, 'SELECT json FROM events ORDER BY rowid'], { encoding: 'utf8', maxBuffer: SQLITE_BUFFER });
  return out.trim() ? JSON.parse(out).map((row) => JSON.parse(row.json)) : [];
}

export async function launchBrowser() {
  const userDataDir = mkdtempSync(join(tmpdir(), 'engage-chromium-'));
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const close = browser.close.bind(browser);
  browser.close = async () => { await close(); rmSync(userDataDir, { recursive: true, force: true }); };
  return browser;
}

/** A page that records console warnings and page errors. */
export async function openPage(context) {
  const page = await context.newPage();
  page.warnings = [];
  page.errors = [];
  page.on('console', (msg) => { if (msg.type() === 'warning' || msg.type() === 'error') page.warnings.push(msg.text()); });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  return page;
}

/** Serves `html` at `url` inside this browser context (same origin as the collector). */
export async function servePage(context, url, html) {
  await context.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
}

export const SNIPPET = `<script>
!function(w,k){var e=w.engage=w.engage||[];if(e.invoked)return;e.invoked=1;e.s=Date.now();["init","track","page","identify","group","alias","reset","flush","ready","on","off"].forEach(function(m){e[m]=function(){var a=[m].concat([].slice.call(arguments));a.t=Date.now();e.push(a);return e}});w.addEventListener("pagehide",function(){if(w.engage===e&&!w.engageConsentRequired)try{var s=JSON.parse(localStorage.getItem(k)||"[]");s.push({u:location.href,t:document.title,r:document.referrer,s:e.s,c:e.map(function(a){return[a.t].concat(a)})});localStorage.setItem(k,JSON.stringify(s.slice(-20)))}catch(x){}})}(window,"engage.stub");
</script>`;

export async function waitFor(predicate, { timeout = 10000, interval = 100, message = 'condition' } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
