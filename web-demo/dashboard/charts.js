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

  // points: [{ t: epoch ms, v: number }] in time order; opts.format(v) labels the y axis.
  // A line with dots over a light area, y from 0 (or the minimum when negative) to the maximum.
  function timeSeries(points, opts) {
    opts = opts || {};
    var width = 360, height = 150, left = 46, right = 10, top = 10, bottom = 22;
    var format = opts.format || function (v) { return String(v); };
    var root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'chart series', role: 'img',
      'aria-label': opts.label || 'Time series', 'data-testid': opts.testid || 'series-chart' });
    if (!points.length) return root;
    var t0 = points[0].t, t1 = points[points.length - 1].t;
    var vs = points.map(function (p) { return p.v; });
    var lo = Math.min(0, Math.min.apply(null, vs)), hi = Math.max.apply(null, vs);
    var flat = hi === lo;  // e.g. all zero: one tick, the line along the bottom
    if (flat) hi = lo + 1;
    var yt = flat ? [lo] : ticks(lo, hi, 3);
    hi = Math.max(hi, yt[yt.length - 1]);
    var x = function (t) { return t1 === t0 ? (left + width - right) / 2 : left + (t - t0) / (t1 - t0) * (width - left - right); };
    var y = function (v) { return top + (hi - v) / (hi - lo) * (height - top - bottom); };
    yt.forEach(function (v) {
      root.appendChild(svg('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: v === 0 ? 'zero' : 'grid' }));
      root.appendChild(svg('text', { x: left - 6, y: y(v) + 4, 'text-anchor': 'end', class: 'tick' }, format(v)));
    });
    [points[0], points[points.length - 1]].forEach(function (p, i) {
      if (i && points.length < 2) return;
      root.appendChild(svg('text', { x: x(p.t), y: height - 6, 'text-anchor': i ? 'end' : 'start', class: 'tick' },
        opts.timeLabel ? opts.timeLabel(p.t) : new Date(p.t).toISOString().slice(5, 10)));
    });
    var line = points.map(function (p, i) { return (i ? 'L' : 'M') + x(p.t).toFixed(1) + ' ' + y(p.v).toFixed(1); }).join(' ');
    var base = y(Math.max(lo, 0)).toFixed(1);
    root.appendChild(svg('path', { d: line + ' L' + x(t1).toFixed(1) + ' ' + base + ' L' + x(t0).toFixed(1) + ' ' + base + ' Z', class: 'area' }));
    root.appendChild(svg('path', { d: line, class: 'line' }));
    points.forEach(function (p) {
      var dot = svg('circle', { cx: x(p.t), cy: y(p.v), r: points.length > 60 ? 1.5 : 2.5, class: 'point', 'data-value': p.v });
      dot.appendChild(svg('title', {}, new Date(p.t).toISOString().slice(0, 16).replace('T', ' ') + ' · ' + format(p.v)));
      root.appendChild(dot);
    });
    return root;
  }

  // steps: [{ label, value, note }]: one bar per step, its width proportional to the first step's.
  function funnel(steps, opts) {
    opts = opts || {};
    var width = 960, rowH = 44, left = 170, right = 380, top = 6;
    var height = top + steps.length * rowH;
    var max = Math.max.apply(null, steps.map(function (s) { return s.value; }).concat([1]));
    var root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, class: 'chart funnel', role: 'img',
      'aria-label': opts.label || 'Funnel', 'data-testid': opts.testid || 'funnel-chart' });
    steps.forEach(function (s, i) {
      var y = top + i * rowH, w2 = (width - left - right) * s.value / max;
      var g = svg('g', { class: 'step', 'data-step': s.label, 'data-value': s.value });
      g.appendChild(svg('text', { x: left - 12, y: y + rowH / 2 + 4, 'text-anchor': 'end', class: 'label' }, s.label));
      g.appendChild(svg('rect', { x: left, y: y + 8, width: Math.max(2, w2), height: rowH - 16, rx: 6 }));
      g.appendChild(svg('text', { x: left + Math.max(2, w2) + 10, y: y + rowH / 2 + 4, class: 'value' },
        s.value.toLocaleString() + (s.note ? '  ' + s.note : '')));
      root.appendChild(g);
    });
    return root;
  }

  w.Charts = { svg: svg, ticks: ticks, percent: percent, intervals: intervals, timeSeries: timeSeries, funnel: funnel };
})(window, document);
