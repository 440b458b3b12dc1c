// The in-browser measurements. Every SDK page is opened in a fresh browser context (a first visit:
// empty cache and storage) and driven through the same adapter, window.sdk = { start, track }.
// Rounds are interleaved across SDKs so that noise from the shared machine hits all of them alike.

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function within(ms, promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms); });
  try { return await Promise.race([promise, timeout]); } finally { clearTimeout(timer); }
}

// --- functions evaluated in the page ---------------------------------------------------------
// A typical `Product Viewed` with 8 properties; `bench` tags the events of one round so the
// endpoint can count them. The objects are built before the timed loop.
function benchSetProps({ n, tag }) {
  window.__props = Array.from({ length: n }, (_, i) => ({
    product_id: `sku-${1000 + i}`, name: 'Monopoly: 3rd Edition', category: 'Games', brand: 'Hasbro',
    variant: '200 pieces', price: 18.99, currency: 'USD', bench: tag,
  }));
}
function benchTrackLoop(n) {
  const { track } = window.sdk;
  const props = window.__props;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) track('Product Viewed', props[i]);
  return performance.now() - t0;
}

/** A fresh context and page for `sdk`, loaded and ready; `readyMs` is script start → ready. */
export async function openSdkPage(browser, bench, sdk, path = `/page/${sdk.name}.html`) {
  const context = await browser.newContext(bench.contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${bench.origin}${path}`);
  const readyMs = await within(20000, page.evaluate(() => window.__ready.then(() => window.__readyMs)), `${sdk.name} ready`);
  return { context, page, readyMs, errors };
}

/** Polls until `expected` events of `tag` reached the endpoint; resolves to { count, ms }. */
export async function waitDelivered(bench, sdk, tag, expected, timeoutMs) {
  const t0 = Date.now();
  let count = 0;
  while ((count = await bench.count(sdk.name, tag)) < expected && Date.now() - t0 < timeoutMs) await sleep(40);
  return { count, ms: Date.now() - t0 };
}

/** Figure 2: script start → ready, over `loads` first visits per SDK. */
export async function measureReady(browser, bench, sdks, loads) {
  const out = Object.fromEntries(sdks.map((s) => [s.name, []]));
  for (let k = 0; k < loads; k++) {
    for (const sdk of sdks) {
      const { context, readyMs } = await openSdkPage(browser, bench, sdk);
      out[sdk.name].push(readyMs);
      await context.close();
    }
  }
  return Object.fromEntries(sdks.map((s) => [s.name, { medianMs: median(out[s.name]), allMs: out[s.name] }]));
}

/** Waits (at least minMs) until a `windowMs` window adds less than `quietMs` of main-thread task time. */
async function settle(p, { minMs, windowMs, quietMs, maxMs }) {
  const t0 = Date.now();
  await sleep(minMs);
  for (let before = await p.taskMs(); Date.now() - t0 < maxMs;) {
    await sleep(windowMs);
    const now = await p.taskMs();
    if (now - before < quietMs) return;
    before = now;
  }
}

/**
 * Figure 3: per track() call, (a) the synchronous loop time and (b) main-thread TaskDuration from
 * just before the loop until every event reached the endpoint and the page's main thread is quiet
 * again, minus what the same page spends idle over the same wall time. Rounds are interleaved
 * across SDKs. A round is run only if it is expected (from that SDK's median round so far) to end
 * before `deadline` (a Date.now() value), or, while the SDK has fewer than minRounds, before
 * `hardDeadline`; so the run keeps to its time budget even on a loaded machine.
 */
export async function measureTrack(browser, bench, sdks, config) {
  const { calls, rounds, minRounds, warmup, idleMs, deliverTimeoutMs, deadline, hardDeadline } = config;
  const quiet = config.settle;
  const pages = [];
  for (const sdk of sdks) {
    const opened = await openSdkPage(browser, bench, sdk);
    const cdp = await opened.context.newCDPSession(opened.page);
    await cdp.send('Performance.enable');
    const taskMs = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value * 1000;
    pages.push({ sdk, ...opened, taskMs, rounds: [] });
  }
  // Warm-up: the code paths are compiled and the first batches sent before anything is timed.
  for (const p of pages) {
    const tag = `warm-${p.sdk.name}`;
    await p.page.evaluate(benchSetProps, { n: warmup, tag });
    await p.page.evaluate(benchTrackLoop, warmup);
    p.warmup = await waitDelivered(bench, p.sdk, tag, warmup, deliverTimeoutMs);
    await settle(p, quiet);
  }
  for (const p of pages) {
    const t0 = Date.now();
    const m0 = await p.taskMs();
    await sleep(idleMs);
    p.idleMsPerS = ((await p.taskMs()) - m0) / ((Date.now() - t0) / 1000);
  }
  for (let r = 0; r < rounds; r++) {
    for (const p of pages) {
      const expectedEnd = Date.now() + (p.rounds.length ? median(p.rounds.map((x) => x.wallMs)) : 0);
      if (expectedEnd > (r >= minRounds ? deadline : hardDeadline)) continue;
      const tag = `sync-${p.sdk.name}-${r}`;
      await p.page.evaluate(benchSetProps, { n: calls, tag });
      const t0 = Date.now();
      const sent0 = bench.traffic(p.sdk.name);
      const m0 = await p.taskMs();
      const syncMs = await p.page.evaluate(benchTrackLoop, calls);
      const delivered = await waitDelivered(bench, p.sdk, tag, calls, deliverTimeoutMs);
      await settle(p, quiet);
      const m1 = await p.taskMs();
      const wallMs = Date.now() - t0;
      const sent1 = bench.traffic(p.sdk.name);
      const idle = (p.idleMsPerS * wallMs) / 1000;
      p.rounds.push({ syncMs, taskMs: m1 - m0, idleMs: idle, wallMs, delivered: delivered.count, deliveredAfterMs: delivered.ms,
        requests: sent1.requests - sent0.requests, uploadBytes: sent1.bytes - sent0.bytes });
    }
  }
  const result = {};
  for (const p of pages) {
    const perCall = (ms) => (ms * 1000) / calls;
    result[p.sdk.name] = {
      syncUsPerCall: perCall(median(p.rounds.map((x) => x.syncMs))),
      totalUsPerCall: perCall(median(p.rounds.map((x) => x.taskMs - x.idleMs))),
      rounds: p.rounds.length,
      allDelivered: p.rounds.every((x) => x.delivered >= calls),
      deliveredAfterMs: median(p.rounds.map((x) => x.deliveredAfterMs)),
      requestsPer1000: (median(p.rounds.map((x) => x.requests)) * 1000) / calls,
      uploadBytesPerEvent: median(p.rounds.map((x) => x.uploadBytes)) / calls,
      idleMsPerS: p.idleMsPerS,
      warmup: p.warmup,
      perRound: p.rounds,
      pageErrors: p.errors.slice(0, 5),
    };
    await p.context.close();
  }
  return result;
}

/**
 * Figure 4: on a loaded page that has been idle for `idleBeforeMs`, track `events` events and at
 * once navigate away (page.goto to a page without any SDK); count what reached the endpoint within
 * `waitMs`. Each repeat is a fresh first visit; the SDKs of one repeat run side by side (nothing
 * here is timed, so they need not take turns).
 */
export async function measureNavigationLoss(browser, bench, sdks, { repeats, events, idleBeforeMs, waitMs }) {
  const once = async (sdk, k) => {
    const { context, page } = await openSdkPage(browser, bench, sdk);
    try {
      await sleep(idleBeforeMs);
      const tag = `nav-${sdk.name}-${k}`;
      await page.evaluate(benchSetProps, { n: events, tag });
      await page.evaluate(benchTrackLoop, events);
      await page.goto(`${bench.origin}/away.html`);
      return (await waitDelivered(bench, sdk, tag, events, waitMs)).count;
    } finally {
      await context.close();
    }
  };
  const out = Object.fromEntries(sdks.map((s) => [s.name, []]));
  for (let k = 0; k < repeats; k++) {
    const counts = await Promise.all(sdks.map((sdk) => once(sdk, k)));
    sdks.forEach((sdk, i) => out[sdk.name].push(counts[i]));
  }
  return Object.fromEntries(sdks.map((s) => {
    const d = out[s.name];
    const mean = d.reduce((a, b) => a + b, 0) / d.length;
    return [s.name, { events, delivered: d, meanDelivered: mean, meanLost: events - mean }];
  }));
}

export { benchSetProps, benchTrackLoop };
