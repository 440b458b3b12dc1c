// The experiments page: pick an experiment, a goal event and a metric; shows per variation the
// exposed visitors, conversions (or revenue), the relative lift with its 95% interval (table and
// SVG chart), p-value and chance to win, and a warning when the traffic split mismatches the design
// (SRM). Reads /v1/experiments and /v1/experiments/<id>; the query lives in the URL so a view can be
// shared. Plain DOM; text from clients is set as text.
(function (w, d) {
  'use strict';

  var el = w.Dashboard.el;
  var $ = function (id) { return d.getElementById(id); };
  var form = $('controls');
  var fields = ['id', 'goal', 'metric', 'from', 'to', 'sequential'];

  function setStatus(state, text) {
    $('live').dataset.state = state;
    $('live-text').textContent = text;
  }

  function fetchJson(url) {
    return fetch(url, { cache: 'no-store' }).then(function (r) {
      return r.json().then(function (body) { return { status: r.status, body: body }; });
    });
  }

  function query() {
    var q = {};
    fields.forEach(function (name) {
      var input = form.elements[name];
      if (input.type === 'checkbox') { if (input.checked) q[name] = 'true'; }
      else if (input.value) q[name] = input.value;
    });
    return q;
  }

  function qs(q, names) {
    return names.filter(function (n) { return q[n]; })
      .map(function (n) { return n + '=' + encodeURIComponent(q[n]); }).join('&');
  }

  function fromUrl() {
    var params = new URLSearchParams(w.location.search);
    fields.forEach(function (name) {
      var v = params.get(name), input = form.elements[name];
      if (v == null || !input) return;
      if (input.type === 'checkbox') input.checked = v === 'true'; else input.value = v;
    });
    return params.get('id');
  }

  function fmtNumber(x, digits) {
    return Number(x).toLocaleString(undefined, { maximumFractionDigits: digits == null ? 0 : digits });
  }
  function fmtP(p) { return p < 0.0001 ? '< 0.0001' : p.toFixed(4); }
  function fmtPct(x) { return (x >= 0 ? '+' : '') + (x * 100).toFixed(1) + '%'; }

  // Lists the experiments (and goal names) into the controls; resolves with the chosen id.
  function loadExperiments(wanted) {
    var q = query();
    return Promise.all([fetchJson('/v1/experiments?' + qs(q, ['from', 'to'])), fetchJson('/v1/stats')]).then(function (r) {
      var list = (r[0].body && r[0].body.experiments) || [];
      var select = $('experiment');
      select.textContent = '';
      list.forEach(function (x) {
        select.appendChild(el('option', { value: x.id }, x.id + ' · ' + fmtNumber(x.visitors) + ' visitors'));
      });
      if (wanted && list.some(function (x) { return x.id === wanted; })) select.value = wanted;
      var names = $('goal-names');
      names.textContent = '';
      Object.keys((r[1].body && r[1].body.byEvent) || {}).sort().forEach(function (n) {
        if (n !== 'Experiment Viewed') names.appendChild(el('option', { value: n }));
      });
      $('no-experiments').hidden = list.length > 0;
      return list.length ? select.value : null;
    });
  }

  function srmText(result) {
    var srm = result.analysis.srm;
    var observed = result.variations.map(function (v) { return fmtNumber(v.visitors); }).join(' / ');
    var expected = srm.expectedUsers.map(function (v) { return fmtNumber(v, 0); }).join(' / ');
    var p = srm.pValue < 0.0001 ? 'p < 0.0001' : 'p = ' + srm.pValue.toFixed(4);
    return 'Sample ratio mismatch (' + p + ', flagged below 0.001): observed ' + observed +
      ' visitors where the ' + (result.weightsSource === 'exposures' ? 'design weights' : 'equal split') +
      ' expects ' + expected + '. Assignment or tracking is broken somewhere; do not trust these results until the cause is found.';
  }

  function resultsTable(result) {
    var revenue = result.metric === 'revenue';
    var byId = {};
    (result.analysis.ok ? result.analysis.variations : []).forEach(function (v) { byId[v.id] = v; });
    var head = ['Variation', 'Visitors', revenue ? 'Revenue' : 'Conversions', revenue ? 'Per visitor' : 'Rate',
      'Relative lift [95% CI]', 'p-value', 'Chance to win'];
    var rows = result.variations.map(function (s) {
      var a = byId[s.id] || {};
      var lift = a.relative || {}, bayes = a.bayesian || {};
      var liftText = a.baseline ? 'baseline' : lift.available
        ? fmtPct(lift.estimate) + ' [' + fmtPct(lift.ci[0]) + ', ' + fmtPct(lift.ci[1]) + ']' : (a.note || '—');
      var tone = a.baseline || !lift.available ? '' : lift.significant ? (lift.estimate > 0 ? 'good' : 'bad') : '';
      return el('tr', { 'data-variation': s.id }, [
        el('td', {}, s.id),
        el('td', { class: 'num' }, fmtNumber(s.visitors)),
        el('td', { class: 'num' }, revenue ? fmtNumber(s.sum, 2) : fmtNumber(s.conversions)),
        el('td', { class: 'num' }, a.mean == null ? '—' : revenue ? fmtNumber(a.mean, 2) : (a.mean * 100).toFixed(2) + '%'),
        el('td', { class: 'lift ' + tone, 'data-testid': 'lift-' + s.id }, liftText),
        el('td', { class: 'num' }, a.baseline || !lift.available ? '—' : fmtP(lift.pValue)),
        el('td', { class: 'num' }, a.baseline || !bayes.available ? '—' : (bayes.chanceToWin * 100).toFixed(1) + '%')
      ]);
    });
    return el('table', { class: 'results', 'data-testid': 'results-table' }, [
      el('thead', {}, el('tr', {}, head.map(function (h) { return el('th', {}, h); }))),
      el('tbody', {}, rows)
    ]);
  }

  function intervalRows(result) {
    if (!result.analysis.ok) return [];
    var baseline = result.analysis.variations.filter(function (v) { return v.baseline; })[0];
    return result.analysis.variations.filter(function (v) { return !v.baseline && v.relative.available; })
      .map(function (v) {
        var r = v.relative;
        return { id: v.id, label: v.id + ' vs ' + (baseline ? baseline.id : 'baseline'), estimate: r.estimate, lower: r.ci[0], upper: r.ci[1],
          tone: r.significant ? (r.estimate > 0 ? 'good' : 'bad') : 'flat' };
      });
  }

  function render(result) {
    $('results-title').textContent = result.experiment + ' · ' + result.goal + ' (' + result.metric + ')';
    $('results-meta').textContent = 'weights ' + result.weightsSource + ' [' +
      result.weights.map(function (x) { return x.toFixed(2); }).join(', ') + ']' +
      (result.multipleVariations ? ' · ' + result.multipleVariations + ' visitors saw several variations (first counts)' : '');
    $('results').textContent = '';
    $('results').appendChild(resultsTable(result));
    $('panel-results').hidden = false;
    var ok = result.analysis.ok;
    $('analysis-error').hidden = ok;
    if (!ok) $('analysis-error').textContent = 'Cannot analyse: ' + result.analysis.error.message;
    var srm = ok && result.analysis.srm.mismatch;
    $('srm').hidden = !srm;
    if (srm) $('srm').textContent = srmText(result);
    var rows = intervalRows(result);
    $('panel-intervals').hidden = !rows.length;
    $('intervals').textContent = '';
    if (rows.length) {
      $('intervals').appendChild(w.Charts.intervals(rows, { testid: 'interval-chart' }));
      $('interval-meta').textContent = result.analysis.options.sequential ? 'always-valid (sequential)' : 'fixed horizon';
    }
  }

  function showResult(id) {
    var q = query();
    q.id = id;
    w.history.replaceState(null, '', '?' + qs(q, fields));
    if (!id) { $('panel-results').hidden = $('panel-intervals').hidden = $('srm').hidden = true; return Promise.resolve(); }
    setStatus('connecting', 'Loading…');
    return fetchJson('/v1/experiments/' + encodeURIComponent(id) + '?' + qs(q, ['goal', 'metric', 'from', 'to', 'sequential']))
      .then(function (r) {
        if (r.status !== 200) throw new Error((r.body.error && r.body.error.message) || 'HTTP ' + r.status);
        render(r.body);
        setStatus('live', 'Updated ' + new Date().toLocaleTimeString());
      });
  }

  function update(wanted) {
    return loadExperiments(wanted).then(showResult).catch(function (e) {
      setStatus('error', e.message);
    });
  }

  form.addEventListener('submit', function (e) { e.preventDefault(); update($('experiment').value); });
  $('experiment').addEventListener('change', function () { showResult($('experiment').value).catch(function (e) { setStatus('error', e.message); }); });
  update(fromUrl());
})(window, document);
