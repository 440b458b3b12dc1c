// The SDK benchmark of issue 2, in one command: `node bench/sdk/run.mjs [--no-profile]`.
// Engage and three peers from npm, each loaded as one minified IIFE script from a local origin in
// real headless Chromium, measured in the same run: loaded bytes, script start → ready, main-thread
// cost per track() (synchronous, and including the later batch work), and events lost when the
// page navigates away right after tracking. Writes bench/results/sdk.md and sdk.json.
// See bench/README.md for what each figure means.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { launchBrowser, root, startCollector } from '../../tests/e2e/harness.mjs';
import { measureNavigationLoss, measureReady, measureTrack } from './measure.mjs';
import { prepareEngageDev, profileEngage } from './profile.mjs';
import { markdown, targetVerdicts } from './report.mjs';
import { AWAY_HTML, pageHtml, prepareSdks } from './sdks.mjs';
import { startBenchServer } from './server.mjs';

/** Every count, duration and budget of the run. */
const CONFIG = {
  readyLoads: 5, // first-visit page loads per SDK for "script start → ready"
  calls: 1000, // track() calls per timed round
  rounds: 5, // timed rounds per SDK (the median is reported) ...
  minRounds: 3, // ... at least this many (time allowing); more only while they fit before the
  // profile's reserve (profileNeedsMs); no round starts that would end in the last finalMs
  warmup: 200, // untimed calls first, so code is compiled and first batches are out
  // After the last event arrived: wait at least minMs, then until a windowMs window adds less
  // than quietMs of main-thread task time (the SDK has handled the answers), at most maxMs.
  settle: { minMs: 300, windowMs: 250, quietMs: 2.5, maxMs: 15000 },
  idleMs: 1500, // idle window measured per page for the TaskDuration baseline
  deliverTimeoutMs: 20000, // longest wait for one round's events to reach the endpoint
  lossRepeats: 5, // navigation-loss repeats per SDK
  lossEvents: 20, // events tracked right before navigating away
  lossIdleBeforeMs: 1200, // the page sits idle this long after ready before the 20 events
  lossWaitMs: 2000, // how long after navigating the endpoint is watched
  budgetMs: 280000, // the whole run is aborted past this (the issue asks under 5 minutes)
  profileNeedsMs: 30000, // kept for Engage's CPU profile and the report after the track rounds
  profileMinMs: 20000, // the profile is skipped if less than this is left
  profileRounds: 2, // × calls, profiled
  finalMs: 15000, // kept at the end for writing the report and stopping everything
};
const TARGETS = { syncUs: 5, brotliKb: 60 }; // issue 2, Targets

const run = promisify(execFile);
const results = join(root, 'bench', 'results');
const bundles = join(results, 'bundles');
const started = Date.now();
const cleanups = [];

async function cleanup() {
  while (cleanups.length) await cleanups.pop()().catch(() => {});
}
const watchdog = setTimeout(async () => {
  console.error(`bench: over the ${CONFIG.budgetMs / 1000} s budget; stopping`);
  await cleanup();
  process.exit(1);
}, CONFIG.budgetMs);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, async () => { await cleanup(); process.exit(130); });

const log = (msg) => console.error(`[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${msg}`);

async function main() {
  mkdirSync(bundles, { recursive: true });
  const sdks = await prepareSdks(root, bundles);
  const engage = sdks[0];
  const engageDev = await prepareEngageDev(root, bundles, engage);
  log(`bundled: ${sdks.map((s) => `${s.name} ${s.bytes.brotli} B br`).join(', ')}`);

  const collector = await startCollector();
  cleanups.push(() => collector.stop());
  const files = Object.assign({}, ...sdks.map((s) => s.files), engageDev?.files ?? {});
  const pages = new Map(sdks.map((s) => [`/page/${s.name}.html`, pageHtml(s)]));
  if (engageDev) pages.set('/page/engage-dev.html', pageHtml(engageDev));
  pages.set('/away.html', AWAY_HTML);
  const server = await startBenchServer({ files, page: (path) => pages.get(path) ?? null, collectorUrl: collector.url });
  cleanups.push(() => server.stop());
  const browser = await launchBrowser();
  cleanups.push(() => browser.close());

  const bench = {
    origin: server.origin,
    // Anything not for 127.0.0.1 goes to the bench server as a proxy, which refuses and records it.
    contextOptions: { proxy: { server: server.origin, bypass: '127.0.0.1' } },
    traffic: server.traffic,
    // Engage's events are counted where they are stored (the collector's SQLite); peers' at the sink.
    count: async (sdk, tag) => {
      if (sdk !== 'engage') return server.count(sdk, tag);
      const { stdout } = await run('sqlite3', [collector.db, `SELECT count(*) FROM events WHERE json LIKE '%"bench":"${tag}"%'`]);
      return Number(stdout.trim());
    },
  };

  const ready = await measureReady(browser, bench, sdks, CONFIG.readyLoads);
  log(`ready: ${sdks.map((s) => `${s.name} ${ready[s.name].medianMs.toFixed(1)} ms`).join(', ')}`);
  const loss = await measureNavigationLoss(browser, bench, sdks, {
    repeats: CONFIG.lossRepeats, events: CONFIG.lossEvents, idleBeforeMs: CONFIG.lossIdleBeforeMs, waitMs: CONFIG.lossWaitMs,
  });
  log(`navigation: ${sdks.map((s) => `${s.name} ${loss[s.name].delivered.join(',')}`).join('; ')}`);
  const deadline = started + CONFIG.budgetMs - CONFIG.profileNeedsMs;
  const hardDeadline = started + CONFIG.budgetMs - CONFIG.finalMs;
  const track = await measureTrack(browser, bench, sdks, { ...CONFIG, deadline, hardDeadline });
  log(`track: ${sdks.map((s) => `${s.name} ${track[s.name].syncUsPerCall.toFixed(2)}/${track[s.name].totalUsPerCall.toFixed(2)} µs (${track[s.name].rounds} rounds)`).join(', ')}`);

  const out = {
    date: new Date().toISOString(),
    chromium: browser.version(),
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
    config: CONFIG,
    sdks: sdks.map((s) => ({ name: s.name, label: s.label, version: s.version, bytes: s.bytes, ready: ready[s.name], track: track[s.name], loss: loss[s.name] })),
    external: server.external,
  };
  out.targets = targetVerdicts(out, TARGETS);
  // The profile is taken whenever time allows (it is most needed when a target is missed).
  const timeLeft = CONFIG.budgetMs - (Date.now() - started) > CONFIG.profileMinMs;
  if (engageDev && timeLeft && !process.argv.includes('--no-profile')) {
    out.profile = await profileEngage(browser, bench, engageDev, {
      calls: CONFIG.calls, rounds: CONFIG.profileRounds, warmup: CONFIG.warmup, settleMs: CONFIG.settle.minMs,
      deliverTimeoutMs: CONFIG.deliverTimeoutMs, cpuprofilePath: join(results, 'engage-track.cpuprofile'),
    });
    log('profile: bench/results/engage-track.cpuprofile');
  }
  out.elapsedMs = Date.now() - started;
  const md = markdown(out);
  writeFileSync(join(results, 'sdk.md'), md);
  writeFileSync(join(results, 'sdk.json'), JSON.stringify(out, null, 2) + '\n');
  process.stdout.write(md);
  log('wrote bench/results/sdk.md and bench/results/sdk.json');
}

try {
  await main();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cleanup();
  clearTimeout(watchdog);
}
