// Where Engage's track() time goes: a V8 CPU profile (CDP Profiler) of the same timed loop, taken
// on an unminified build of js/src (same esbuild options as js/build.mjs, minify off) so that the
// functions carry their source names. Samples under the loop are the synchronous part; the rest
// (the microtask drain into the wasm core, timers, sending) is the later batch work.
import { build } from 'esbuild';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchSetProps, benchTrackLoop, openSdkPage, waitDelivered } from './measure.mjs';

/** Builds the unminified Engage script; returns the SDK entry for it, or null if it cannot. */
export async function prepareEngageDev(root, outDir, engage) {
  const glue = join(root, 'build', 'js-glue', 'engage-core.cjs');
  if (!existsSync(glue)) return null;
  const outfile = join(outDir, 'engage-dev.js');
  await build({
    entryPoints: [join(root, 'js', 'src', 'script.ts')], bundle: true, minify: false, format: 'iife',
    target: ['es2020'], alias: { 'engage-core-glue': glue }, legalComments: 'none', logLevel: 'warning', outfile,
  });
  return { ...engage, name: 'engage', label: 'Engage (unminified, for the profile)', script: '/sdk/engage-dev.js',
    files: { '/sdk/engage-dev.js': outfile, '/sdk/engage.wasm': engage.files['/sdk/engage.wasm'] } };
}

const IGNORED = new Set(['(root)', '(idle)', '(program)']);

function frameKey(node) {
  const f = node.callFrame;
  const file = f.url ? f.url.split('/').pop() : '';
  return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
}

/** Self and inclusive time per function, split into the loop's samples and the later ones. */
export function summariseProfile(profile, calls) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const parts = { sync: { totalUs: 0, self: new Map(), inclusive: new Map() }, later: { totalUs: 0, self: new Map(), inclusive: new Map() } };
  const add = (map, key, us) => map.set(key, (map.get(key) ?? 0) + us);
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i + 1] ?? 0; // a sample stands for the time until the next one
    const node = byId.get(id);
    if (IGNORED.has(node.callFrame.functionName)) return;
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at));
    if (stack.some((n) => n.callFrame.functionName === 'benchSetProps')) return; // the bench's own set-up
    const part = stack.some((n) => n.callFrame.functionName === 'benchTrackLoop') ? parts.sync : parts.later;
    part.totalUs += us;
    add(part.self, frameKey(node), us);
    for (const key of new Set(stack.filter((n) => !IGNORED.has(n.callFrame.functionName)).map(frameKey))) add(part.inclusive, key, us);
  });
  const top = (map, k) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, k)
    .map(([fn, us]) => ({ fn, usPerCall: us / calls }));
  const shape = (p) => ({ usPerCall: p.totalUs / calls, topSelf: top(p.self, 12), topInclusive: top(p.inclusive, 12) });
  return { calls, sync: shape(parts.sync), later: shape(parts.later) };
}

/** Profiles `rounds` × `calls` track() calls (each round waited out until delivered). */
export async function profileEngage(browser, bench, sdk, { calls, rounds, warmup, settleMs, deliverTimeoutMs, cpuprofilePath }) {
  const { context, page } = await openSdkPage(browser, bench, sdk, '/page/engage-dev.html');
  try {
    await page.evaluate(benchSetProps, { n: warmup, tag: 'warm-profile' });
    await page.evaluate(benchTrackLoop, warmup);
    await waitDelivered(bench, sdk, 'warm-profile', warmup, deliverTimeoutMs);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 20 });
    await cdp.send('Profiler.start');
    for (let r = 0; r < rounds; r++) {
      const tag = `profile-${r}`;
      await page.evaluate(benchSetProps, { n: calls, tag });
      await page.evaluate(benchTrackLoop, calls);
      await waitDelivered(bench, sdk, tag, calls, deliverTimeoutMs);
    }
    await new Promise((r) => setTimeout(r, settleMs));
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync(cpuprofilePath, JSON.stringify(profile));
    return summariseProfile(profile, calls * rounds);
  } finally {
    await context.close();
  }
}
