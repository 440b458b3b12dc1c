// Small hand-written SVG charts for the dashboard (no dependencies, no network): interval plots for
// experiment lifts, time series and a funnel. Each function returns an <svg> element sized by its
// viewBox, so it scales with its container. Text that came from clients is set as text.
(function (w, d) {
  'use strict';

  var NS = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs, text) {
    var node = d.createElementNS(NS, tag);
    for (var k in attrs || {}) node.setAttribute(k, attrs[k]);
    if (text != null) node.textContent = String(text);
    return node;
  }

  // "Nice" tick values covering [lo, hi]: 1, 2 or 5 times a power of ten.
  function ticks(lo, hi, count) {
    var span = hi - lo || Math.abs(hi) || 1;
    var step = Math.pow(10, Math.floor(Math.log10(span / count)));
    var err = span / count / step;
    step *= err >= 7.5 ? 10 : err >= 3.5 ? 5 : err >= 1.5 ? 2 : 1;
    var out = [];
    for (var t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) out.push(Math.abs(t) < step * 1e-9 ? 0 : t);
    return out;
  }

  function percent(x, digits) { return (x * 100).toFixed(digits == null ? 1 : digits) + '%'; }

  // rows: [{ id, label, estimate, lower, upper, tone: 'good'|'bad'|'flat' }], values as fractions
  // (0.12 = +12%). Draws each interval as a bar with its estimate, and the zero line.
  function intervals(rows, opts) {
    opts = opts || {};
    var width = 960, rowH = 34, left = 110, right = 24, top = 12, axisH = 26;
    var height = top + rows.length * rowH + axisH;
    var lo = 0, hi = 0;
    rows.forEach(function (r) { lo = Math.min(lo, r.lower); hi = Math.max(hi, r.upper); });
    var pad = (hi - lo) * 0.08 || 0.05;
    lo -= pad; hi += pad;
    var x = function (v) { return left + (v - lo) / (hi - lo) * (width - left - right); };
    var root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'chart intervals', role: 'img',
      'aria-label': opts.label || 'Lift with confidence intervals', 'data-testid': opts.testid || 'interval-chart' });
    ticks(lo, hi, 6).forEach(function (t) {
      root.appendChild(svg('line', { x1: x(t), x2: x(t), y1: top, y2: height - axisH, class: t === 0 ? 'zero' : 'grid' }));
      root.appendChild(svg('text', { x: x(t), y: height - 8, 'text-anchor': 'middle', class: 'tick' }, percent(t, 0)));
    });
    rows.forEach(function (r, i) {
      var cy = top + i * rowH + rowH / 2;
      var g = svg('g', { class: 'interval ' + (r.tone || 'flat'), 'data-variation': r.id == null ? r.label : r.id });
      g.appendChild(svg('text', { x: left - 10, y: cy + 4, 'text-anchor': 'end', class: 'label' }, r.label));
      g.appendChild(svg('rect', { x: x(r.lower), y: cy - 6, width: Math.max(1, x(r.upper) - x(r.lower)), height: 12, rx: 6 }));
      g.appendChild(svg('circle', { cx: x(r.estimate), cy: cy, r: 5 }));
      var title = svg('title', {}, r.label + ': ' + percent(r.estimate) + ' [' + percent(r.lower) + ', ' + percent(r.upper) + ']');
      g.appendChild(title);
      root.appendChild(g);
    });
    return root;
  }

  w.Charts = { svg: svg, ticks: ticks, percent: percent, intervals: intervals };
})(window, document);
