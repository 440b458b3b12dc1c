// The dashboard's panels. Each reads collector routes through Dashboard.panel({ sources }) and
// renders into its <section> in index.html. Later panels (session metrics, funnel, experiments)
// are added the same way.
(function (w, d) {
  'use strict';

  var el = w.Dashboard.el;
  var LATEST_LIMIT = 50;
  var typeFilter = d.getElementById('type-filter');

  function replace(body, node) {
    body.textContent = '';
    body.appendChild(node);
  }

  function sortedCounts(counts) {
    return Object.keys(counts).map(function (k) { return [k, counts[k]]; })
      .sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
  }

  // A table of name / count / proportional bar.
  function barTable(counts, label, testid) {
    var rows = sortedCounts(counts);
    if (!rows.length) return el('p', { class: 'empty' }, 'No events yet.');
    var max = rows[0][1];
    return el('table', { class: 'bars', 'data-testid': testid }, [
      el('thead', {}, el('tr', {}, [el('th', {}, label), el('th', { class: 'num' }, 'Events'), el('th', {}, '')])),
      el('tbody', {}, rows.map(function (r) {
        return el('tr', { 'data-name': r[0] }, [
          el('td', {}, r[0]),
          el('td', { class: 'num' }, r[1].toLocaleString()),
          el('td', { class: 'bar-cell' }, el('span', { class: 'bar', style: 'width:' + Math.max(2, 100 * r[1] / max) + '%' }))
        ]);
      }))
    ]);
  }

  function kpi(label, value, testid) {
    return el('div', { class: 'kpi', 'data-testid': testid }, [
      el('span', { class: 'kpi-value' }, value.toLocaleString()), el('span', { class: 'kpi-label' }, label)]);
  }

  w.Dashboard.panel({
    id: 'panel-kpis',
    sources: { stats: function () { return '/v1/stats'; } },
    render: function (body, data) {
      var t = data.stats.byType;
      body.textContent = '';
      [kpi('events', data.stats.total, 'kpi-total'), kpi('page views', t.page || 0, 'kpi-page'),
        kpi('track calls', t.track || 0, 'kpi-track'), kpi('identify calls', t.identify || 0, 'kpi-identify'),
        kpi('event names', Object.keys(data.stats.byEvent).length, 'kpi-names')
      ].forEach(function (k) { body.appendChild(k); });
    }
  });

  w.Dashboard.panel({
    id: 'panel-by-type',
    sources: { stats: function () { return '/v1/stats'; } },
    render: function (body, data) { replace(body, barTable(data.stats.byType, 'Type', 'by-type')); }
  });

  w.Dashboard.panel({
    id: 'panel-by-event',
    sources: { stats: function () { return '/v1/stats'; } },
    render: function (body, data) { replace(body, barTable(data.stats.byEvent, 'Event', 'by-event')); }
  });

  function when(iso) {
    var t = new Date(iso);
    if (isNaN(t)) return String(iso);
    var today = new Date().toDateString() === t.toDateString();
    return today ? t.toLocaleTimeString() : t.toLocaleString();
  }

  function short(id) { return id ? String(id).slice(0, 8) : '—'; }

  function what(e) {
    if (e.type === 'track') return e.event;
    if (e.type === 'page' || e.type === 'screen') {
      var page = (e.context && e.context.page) || {};
      return e.name || (page.path || '') + (page.search || '');
    }
    if (e.type === 'identify') return e.userId || '';
    if (e.type === 'group') return e.groupId || '';
    if (e.type === 'alias') return (e.previousId || '') + ' → ' + (e.userId || '');
    return '';
  }

  var shownKey = null;
  var openIds = {};  // messageIds whose JSON is unfolded, kept across refreshes

  function eventRows(e) {
    var detail = el('tr', { class: 'detail' }, el('td', { colspan: '6' }, el('pre', {}, JSON.stringify(e, null, 2))));
    detail.hidden = !openIds[e.messageId];
    var row = el('tr', { class: 'event', 'data-message-id': e.messageId, 'data-type': e.type, tabindex: '0',
      onclick: function () { detail.hidden = !detail.hidden; openIds[e.messageId] = !detail.hidden; } }, [
      el('td', { class: 'time' }, when(e.timestamp)),
      el('td', {}, el('span', { class: 'type type-' + e.type }, e.type)),
      el('td', { class: 'what' }, what(e)),
      el('td', { class: 'mono', title: e.anonymousId || '' }, short(e.anonymousId)),
      el('td', { class: 'mono' }, e.userId || '—'),
      el('td', { class: 'mono', title: e.messageId }, short(e.messageId))
    ]);
    return [row, detail];
  }

  w.Dashboard.panel({
    id: 'panel-latest',
    sources: { latest: function () {
      return '/v1/events?limit=' + LATEST_LIMIT + (typeFilter.value ? '&type=' + encodeURIComponent(typeFilter.value) : '');
    } },
    render: function (body, data) {
      var events = data.latest.events;
      var key = typeFilter.value + '|' + events.map(function (e) { return e.messageId; }).join(',');
      if (key === shownKey) return;  // unchanged: keep the table (and what is unfolded) as it is
      shownKey = key;
      if (!events.length) { replace(body, el('p', { class: 'empty' }, 'No events yet. Browse the demo shop to create some.')); return; }
      var rows = [];
      events.forEach(function (e) { rows.push.apply(rows, eventRows(e)); });
      replace(body, el('table', { class: 'events', 'data-testid': 'latest-events' }, [
        el('thead', {}, el('tr', {}, ['Time', 'Type', 'Event / page', 'Visitor', 'User', 'Message'].map(function (h) {
          return el('th', {}, h);
        }))),
        el('tbody', {}, rows)
      ]));
    }
  });

  typeFilter.addEventListener('change', function () { w.Dashboard.refresh(); });
  w.Dashboard.start();
})(window, document);
