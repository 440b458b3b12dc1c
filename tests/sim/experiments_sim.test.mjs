// Simulated populations through the real SDK core (the wasm module under node) and the real
// collector, checking the experiment results the dashboard shows (GET /v1/experiments/<id>):
//   1. planted lift: 3,000 visitors, checkout-test 50/50 through a feature rule, conversion 10% in
//      control and 15% in the variation. The variation's lift is positive, its interval excludes 0
//      and covers the planted lift; no SRM. Every visitor evaluates it on two loads: one exposure each.
//   2. SRM: the same visitors in an inline 50/50 experiment whose exposure is lost for 18.2% of the
//      variation's visitors (a 55/45 split under a 50/50 design): flagged as a sample-ratio mismatch.
//   3. false positives: 40 A/A populations of 500 visitors (each its own experiment on its own day,
//      no lift, 10% conversion). At alpha = 0.05 the number of significant results is
//      Binomial(40, 0.05): mean 2; we require at most 6 (P(X > 6) = 0.4%), no SRM flag in more than
//      one (expected 0.04), and a mean p-value in [0.3, 0.7] (uniform: 0.5 with sd 0.046).
// Every population is seeded (ids, clocks, outcomes), so a run is reproducible.
// ENGAGE_WASM_DIR (default build/wasm/bin) and ENGAGE_COLLECTOR choose the builds.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCollector } from './collector.mjs';
import { loadCore, post, rng, visitor } from './population.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const DAY = 86_400_000;
const BASE = Math.floor(Date.now() / DAY) * DAY - 60 * DAY; // 60 days ago, midnight UTC

const PAYLOAD = {
  features: {
    'checkout-button': {
      defaultValue: 'Proceed to checkout',
      rules: [{ key: 'checkout-test', seed: 'checkout-test', hashVersion: 2, variations: ['Proceed to checkout', 'Buy now'],
        weights: [0.5, 0.5], meta: [{ key: 'control' }, { key: 'buy-now' }] }],
    },
  },
};
const SRM_TEST = { key: 'srm-test', variations: ['a', 'b'], weights: [0.5, 0.5] };
const LOST_SHARE = 1 - 45 / 55; // of the variation's exposures: leaves 55/45

let module;
let collector;
before(async () => {
  module = await loadCore(resolve(root, process.env.ENGAGE_WASM_DIR ?? 'build/wasm/bin'));
  collector = await startCollector(root);
});
after(async () => { await collector?.stop(); });

const range = (fromMs, untilMs) => `from=${fromMs}&to=${untilMs}`;

/** One visit: cart page, features, evaluations, maybe an order an hour later; its events. */
function visit(v, { conversion, extra = () => [] }) {
  v.run([
    { op: 'configure', config: {} },
    { op: 'context', context: { page: { url: 'https://shop.example/cart.html', path: '/cart.html', title: 'Cart' } } },
    { op: 'page', name: 'Cart' },
    { op: 'features', payload: PAYLOAD },
  ]);
  const [feature, ...more] = v.run([{ op: 'feature', key: 'checkout-button' }, ...extra()]);
  return { variation: feature.experimentResult.variationId, more, convert: conversion(feature.experimentResult.variationId) };
}

test('a planted lift is found with the right sign and interval; a 55/45 split under 50/50 is an SRM', async () => {
  const N = 3000;
  const outcomes = rng(0x11f7);
  const losses = rng(0x5a11);
  const start = BASE + 45 * DAY;
  const events = [];
  const assigned = [0, 0];
  let exposuresInCore = 0;
  for (let i = 0; i < N; i++) {
    const v = visitor(module, { startMs: start + i * 10_000, random: rng(0x1000_0000 + i) });
    const first = visit(v, {
      conversion: (variation) => outcomes() < (variation === 1 ? 0.15 : 0.10),
      extra: () => [{ op: 'experiment', definition: SRM_TEST }],
    });
    assigned[first.variation]++;
    let mine = v.events(); // what the first page sent before it was left
    v.later(60_000);
    v.reload(); // a second page load: the same assignment, no second exposure
    const second = visit(v, { conversion: () => false, extra: () => [{ op: 'experiment', definition: SRM_TEST }] });
    assert.equal(second.variation, first.variation);
    if (first.convert) {
      v.later(60_000);
      v.run([{ op: 'track', event: 'Order Completed', properties: { revenue: 40 } }]);
    }
    mine = mine.concat(v.events());
    exposuresInCore += mine.filter((e) => e.event === 'Experiment Viewed' && e.properties.experimentId === 'checkout-test').length;
    // The planted SRM: the srm-test exposure of some variation-b visitors never arrives.
    if (first.more[0].variationId === 1 && losses() < LOST_SHARE) {
      mine = mine.filter((e) => !(e.event === 'Experiment Viewed' && e.properties.experimentId === 'srm-test'));
    }
    events.push(...mine);
    v.close();
  }
  assert.equal(exposuresInCore, N, 'one exposure per visitor over two loads');
  await post(collector.url, events);

  const window = range(start, start + DAY);
  const listing = await collector.get(`/v1/experiments?${window}`);
  const lift = listing.body.experiments.find((x) => x.id === 'checkout-test');
  assert.equal(lift.visitors, N);
  assert.equal(lift.exposures, N);

  const { status, body } = await collector.get(`/v1/experiments/checkout-test?goal=Order%20Completed&${window}`);
  assert.equal(status, 200, JSON.stringify(body));
  const [control, variant] = body.analysis.variations;
  assert.equal(control.users + variant.users, N);
  const rel = variant.relative;
  const abs = variant.absolute;
  console.log(`lift: split ${control.users}/${variant.users}, rates ${control.mean.toFixed(4)} / ${variant.mean.toFixed(4)}, ` +
    `absolute ${abs.estimate.toFixed(4)} [${abs.ci.map((x) => x.toFixed(4)).join(', ')}], relative ${rel.estimate.toFixed(3)} ` +
    `[${rel.ci.map((x) => x.toFixed(3)).join(', ')}], p ${rel.pValue.toExponential(2)}, chance to win ${variant.bayesian.chanceToWin.toFixed(4)}`);
  assert.ok(rel.estimate > 0 && abs.estimate > 0, 'the planted lift is positive');
  assert.ok(rel.ci[0] > 0 && abs.ci[0] > 0, 'the interval excludes 0');
  assert.ok(rel.ci[0] < 0.5 && 0.5 < rel.ci[1], 'the relative interval covers the planted +50%');
  assert.ok(abs.ci[0] < 0.05 && 0.05 < abs.ci[1], 'the absolute interval covers the planted +5 points');
  assert.equal(rel.significant, true);
  assert.ok(variant.bayesian.chanceToWin > 0.95);
  assert.equal(body.analysis.srm.mismatch, false, 'no SRM in the sound experiment');

  const srm = (await collector.get(`/v1/experiments/srm-test?${window}`)).body;
  const [a, b] = srm.analysis.variations;
  const share = a.users / (a.users + b.users);
  console.log(`srm: split ${a.users}/${b.users} (${(share * 100).toFixed(1)}% / ${(100 - share * 100).toFixed(1)}%), ` +
    `chi-square ${srm.analysis.srm.chiSquare.toFixed(2)}, p ${srm.analysis.srm.pValue.toExponential(2)}`);
  assert.ok(share > 0.53 && share < 0.57, `about 55/45: ${share}`);
  assert.deepEqual(srm.weights, [0.5, 0.5]);
  assert.equal(srm.weightsSource, 'exposures');
  assert.equal(srm.analysis.srm.mismatch, true, 'flagged as a sample-ratio mismatch');
});

test('A/A: 40 populations without a lift are significant about as often as alpha says', async () => {
  const RUNS = 40;
  const N = 500;
  const results = [];
  for (let run = 0; run < RUNS; run++) {
    const start = BASE + run * DAY;
    const outcomes = rng(0xaa00 + run);
    const key = `aa-${String(run).padStart(2, '0')}`;
    const events = [];
    for (let i = 0; i < N; i++) {
      const v = visitor(module, { startMs: start + i * 10_000, random: rng(0x2000_0000 + run * 100_000 + i) });
      v.run([{ op: 'configure', config: {} }, { op: 'page', name: 'Home' }]);
      v.run([{ op: 'experiment', definition: { key, variations: [0, 1] } }]);
      v.later(60_000);
      if (outcomes() < 0.1) v.run([{ op: 'track', event: 'Order Completed', properties: { revenue: 40 } }]);
      events.push(...v.events());
      v.close();
    }
    await post(collector.url, events);
    const { status, body } = await collector.get(`/v1/experiments/${key}?goal=Order%20Completed&${range(start, start + DAY)}`);
    assert.equal(status, 200, JSON.stringify(body));
    const variant = body.analysis.variations[1];
    results.push({ p: variant.absolute.pValue, significant: variant.absolute.significant, srm: body.analysis.srm.mismatch });
  }
  const significant = results.filter((r) => r.significant).length;
  const srmFlags = results.filter((r) => r.srm).length;
  const meanP = results.reduce((s, r) => s + r.p, 0) / RUNS;
  console.log(`A/A: ${significant}/${RUNS} significant at alpha 0.05 (expected 2), ${srmFlags} SRM flags, mean p ${meanP.toFixed(3)}`);
  assert.ok(significant <= 6, `false positives ${significant}/${RUNS}`);
  assert.ok(srmFlags <= 1, `SRM flags ${srmFlags}/${RUNS}`);
  assert.ok(meanP > 0.3 && meanP < 0.7, `mean p-value ${meanP}`);
});
