// Turns the measurements into the markdown table (SDK rows × figures, then Engage ÷ each peer) and
// the target verdicts. kB are 1000 bytes.

const kB = (b) => (b / 1000).toFixed(1);
const num = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (a, b) => (b > 0 ? `${(a / b).toPrecision(2)}×` : '–');

function deliveredCell(loss) {
  const d = loss.delivered;
  return `${num(loss.meanDelivered)} / ${loss.events} (min ${Math.min(...d)}, max ${Math.max(...d)})`;
}

export function targetVerdicts(results, targets) {
  const e = results.sdks.find((s) => s.name === 'engage');
  return {
    syncUs: { target: targets.syncUs, value: e.track.syncUsPerCall, met: e.track.syncUsPerCall < targets.syncUs },
    brotliKb: { target: targets.brotliKb, value: e.bytes.brotli / 1000, met: e.bytes.brotli / 1000 < targets.brotliKb },
  };
}

export function markdown(results) {
  const { sdks, config } = results;
  const lines = [];
  lines.push(`| SDK | version | loaded bytes raw / gzip / brotli (kB) | script start → ready (ms, median of ${config.readyLoads}) | track() sync (µs/call, median of ${config.rounds} rounds × ${config.calls}) | track() incl. later batch work (µs/call) | HTTP requests per 1000 events | events delivered when navigating away right after 20 track() (mean of ${config.lossRepeats}) |`);
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const s of sdks) {
    const files = s.name === 'engage' ? ` (${s.bytes.files.map((f) => `${f.file.replace('engage.', '')} ${kB(f.brotli)}`).join(' + ')})` : '';
    const incomplete = s.track.allDelivered ? '' : ' ⚠ lower bound: not all delivered in time';
    const rounds = s.track.rounds < config.rounds ? ` (${s.track.rounds} round${s.track.rounds === 1 ? '' : 's'})` : '';
    lines.push(`| ${s.label} | ${s.version} | ${kB(s.bytes.raw)} / ${kB(s.bytes.gzip)} / ${kB(s.bytes.brotli)}${files} | ${num(s.ready.medianMs)} | ${num(s.track.syncUsPerCall)}${rounds} | ${num(s.track.totalUsPerCall)}${incomplete} | ${num(s.track.requestsPer1000)} | ${deliveredCell(s.loss)} |`);
  }
  const engage = sdks.find((s) => s.name === 'engage');
  lines.push('');
  lines.push('Engage ÷ peer (below 1× means Engage is smaller / faster):');
  lines.push('');
  lines.push('| vs | brotli bytes | ready | track() sync | track() incl. batch work | delivered on navigation (Engage vs peer) |');
  lines.push('|---|---|---|---|---|---|');
  for (const p of sdks.filter((s) => s.name !== 'engage')) {
    lines.push(`| ${p.label} | ${ratio(engage.bytes.brotli, p.bytes.brotli)} | ${ratio(engage.ready.medianMs, p.ready.medianMs)} | ${ratio(engage.track.syncUsPerCall, p.track.syncUsPerCall)} | ${ratio(engage.track.totalUsPerCall, p.track.totalUsPerCall)} | ${num(engage.loss.meanDelivered)} vs ${num(p.loss.meanDelivered)} |`);
  }
  const v = results.targets;
  lines.push('');
  lines.push(`Targets (issue 2): track() sync < ${v.syncUs.target} µs — ${v.syncUs.met ? 'met' : 'MISSED'} (${num(v.syncUs.value)} µs); wasm + JS < ${v.brotliKb.target} kB brotli — ${v.brotliKb.met ? 'met' : 'MISSED'} (${kB(v.brotliKb.value * 1000)} kB).`);
  lines.push('');
  lines.push(`Measured ${results.date} in headless Chromium ${results.chromium} on ${results.machine}; run took ${(results.elapsedMs / 1000).toFixed(0)} s.${results.external.length ? ` Blocked external requests: ${results.external.length}.` : ' No request left 127.0.0.1.'}`);
  if (results.profile) lines.push('', ...profileMarkdown(results.profile));
  return lines.join('\n') + '\n';
}

function profileMarkdown(p) {
  const out = [`### Where Engage's track() time goes (CPU profile, unminified build, ${p.calls} calls)`, ''];
  for (const [part, title] of [['sync', 'synchronous part (inside the loop)'], ['later', 'later batch work (drain into the wasm core, timers, sending)']]) {
    out.push(`${title}: ${num(p[part].usPerCall)} µs/call sampled`, '');
    out.push('| function (self time) | µs/call | function (inclusive time) | µs/call |', '|---|---|---|---|');
    const n = Math.max(p[part].topSelf.length, p[part].topInclusive.length);
    for (let i = 0; i < n; i++) {
      const s = p[part].topSelf[i];
      const t = p[part].topInclusive[i];
      out.push(`| ${s ? `\`${s.fn}\`` : ''} | ${s ? num(s.usPerCall) : ''} | ${t ? `\`${t.fn}\`` : ''} | ${t ? num(t.usPerCall) : ''} |`);
    }
    out.push('');
  }
  return out;
}
