// The metrics page: the issue 3 figures across all visitors for a date range (KPI cards), the funnel
// with drop-off per step, and a time series per metric (hand-written SVG, charts.js). Reads
// /v1/metrics; the range lives in the URL so a view can be shared. Plain DOM.
(function (w, d) {
  'use strict';

  var el = w.Dashboard.el;
  var $ = function (id) { return d.getElementById(id); };
  var form = $('controls');
  var fields = ['from', 'to', 'interval'];

  function pct(v) { return (v * 100).toFixed(1) + '%'; }
  function count(v) { return Math.round(v).toLocaleString(); }
  function money(v) { return v.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }); }
  function decimal(v) { return v.toLocaleString(undefined, { maximumFractionDigits: 2 }); }
  function duration(ms) {
    var s = Math.round(ms / 1000);
    return s < 60 ? s + 's' : Math.floor(s / 60) + 'm ' + (s % 60 ? (s % 60) + 's' : '');
  }

  // The figures shown, in order: key in /v1/metrics, label, format.
  var METRICS = [
    ['visitors', 'visitors', count],
    ['sessions', 'sessions', count],
    ['pagesPerSession', 'pages / session', decimal],
    ['avgDurationMs', 'avg. session duration', duration],
    ['avgEngagedMs', 'avg. engaged time', duration],
    ['bounceRate', 'bounce rate', pct],
    ['conversionRate', 'conversion rate', pct],
    ['cartAbandonmentRate', 'cart abandonment', pct],
    ['checkoutAbandonmentRate', 'checkout abandonment', pct],
    ['averageOrderValue', 'average order value', money],
    ['purchaseFrequency', 'purchase frequency', decimal],
    ['repeatPurchaseRate', 'repeat purchase rate', pct]
  ];

  function setStatus(state, text) {
    $('live').dataset.state = state;
    $('live-text').textContent = text;
  }

  function query() {
    var q = {};
    fields.forEach(function (n) { if (form.elements[n].value) q[n] = form.elements[n].value; });
    return Object.keys(q).map(function (n) { return n + '=' + encodeURIComponent(q[n]); }).join('&');
  }

  function fromUrl() {
    var params = new URLSearchParams(w.location.search);
    fields.forEach(function (n) { if (params.get(n)) form.elements[n].value = params.get(n); });
  }

  function renderKpis(f) {
    var box = $('kpis');
    box.textContent = '';
    METRICS.forEach(function (m) {
      box.appendChild(el('div', { class: 'kpi', 'data-testid': 'kpi-' + m[0] }, [
        el('span', { class: 'kpi-value' }, m[2](f[m[0]] || 0)), el('span', { class: 'kpi-label' }, m[1])]));
    });
  }

  function renderFunnel(f) {
    var steps = f.funnel.map(function (s, i) {
      return { label: s.step, value: s.sessions,
        note: '· ' + pct(s.fromPrevious) + (i ? ' of the previous step' : ' of sessions') + ', ' + pct(s.dropOff) + ' drop-off' };
    });
    $('funnel').textContent = '';
    $('funnel').appendChild(w.Charts.funnel(steps, { testid: 'funnel-chart' }));
  }

  function renderSeries(result) {
    var box = $('series');
    box.textContent = '';
    var hourly = result.interval === 'hour';
    var label = function (t) { var iso = new Date(t).toISOString(); return hourly ? iso.slice(5, 13).replace('T', ' ') + 'h' : iso.slice(5, 10); };
    METRICS.forEach(function (m) {
      var points = result.series.map(function (p) { return { t: Date.parse(p.start), v: p[m[0]] || 0 }; });
      box.appendChild(el('figure', { class: 'series-cell', 'data-testid': 'series-' + m[0] }, [
        el('figcaption', {}, m[1]),
        w.Charts.timeSeries(points, { format: m[2], timeLabel: label, label: m[1] + ' per ' + result.interval })
      ]));
    });
    $('series-note').textContent = result.series.length + ' ' + result.interval + (result.series.length === 1 ? '' : 's') +
      ' (UTC)' + (result.truncated ? ' · only the latest shown' : '');
  }

  function update() {
    var q = query();
    w.history.replaceState(null, '', q ? '?' + q : w.location.pathname);
    setStatus('connecting', 'Loading…');
    return fetch('/v1/metrics' + (q ? '?' + q : ''), { cache: 'no-store' }).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) throw new Error((body.error && body.error.message) || 'HTTP ' + r.status);
        renderKpis(body.figures);
        renderFunnel(body.figures);
        renderSeries(body);
        $('range-note').textContent = (body.from ? body.from.slice(0, 10) : 'all time') + ' → ' +
          (body.to ? new Date(Date.parse(body.to) - 1).toISOString().slice(0, 10) : 'now') + ' · as of ' +
          new Date(body.asOf).toLocaleString();
        setStatus('live', 'Updated ' + new Date().toLocaleTimeString());
      });
    }).catch(function (e) { setStatus('error', e.message); });
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); update(); });
  fromUrl();
  update();
})(window, document);
