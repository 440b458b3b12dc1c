// The dashboard's small runtime: panels declare which collector routes they read, and one poller
// fetches those routes every 2 s (never overlapping, paused while the tab is hidden) and hands each
// panel its data. Plain DOM, no dependencies; everything that came from a client is set as text.
(function (w, d) {
  'use strict';

  var POLL_MS = 2000;
  var panels = [];  // { id, sources: { name: () => url }, render(body, data) }
  var lastData = {};

  // el('td', { class: 'x' }, ['text', childNode])
  function el(tag, attrs, children) {
    var node = d.createElement(tag);
    for (var k in attrs || {}) {
      if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), attrs[k]);
      else node.setAttribute(k, attrs[k]);
    }
    [].concat(children == null ? [] : children).forEach(function (c) {
      node.appendChild(typeof c === 'string' || typeof c === 'number' ? d.createTextNode(String(c)) : c);
    });
    return node;
  }

  function setLive(state, text) {
    var live = d.getElementById('live');
    live.dataset.state = state;
    d.getElementById('live-text').textContent = text;
  }

  function fetchJson(url) {
    return fetch(url, { cache: 'no-store' }).then(function (r) {
      if (!r.ok) throw new Error(url + ' answered ' + r.status);
      return r.json();
    });
  }

  // Fetches every source the panels need (each URL once) and renders the panels.
  function refresh() {
    var urls = {};
    panels.forEach(function (p) { for (var name in p.sources) urls[name] = p.sources[name](); });
    var names = Object.keys(urls);
    return Promise.all(names.map(function (n) { return fetchJson(urls[n]); })).then(function (results) {
      var data = {};
      names.forEach(function (n, i) { data[n] = results[i]; });
      lastData = data;
      panels.forEach(function (p) {
        var root = d.getElementById(p.id);
        if (!root) return;
        try { p.render(root.querySelector('.body') || root, data); }
        catch (e) { console.error('dashboard: panel ' + p.id + ' failed', e); }
      });
      setLive('live', 'Live · updated ' + new Date().toLocaleTimeString());
    }, function (e) {
      setLive('error', 'Collector unreachable · retrying');
      console.warn('dashboard:', e.message);
    });
  }

  var pending = false;  // a refresh or its follow-up timer is outstanding
  function loop() {
    if (d.hidden) { pending = false; return; }  // resumed by visibilitychange
    pending = true;
    refresh().then(function () { setTimeout(loop, POLL_MS); });
  }

  function start() {
    d.addEventListener('visibilitychange', function () { if (!d.hidden && !pending) loop(); });
    loop();
  }

  w.Dashboard = {
    // Registers a panel: id of its <section>, sources { name: () => url }, render(body, data).
    panel: function (spec) { panels.push(spec); },
    refresh: refresh,  // re-render now, e.g. after a filter changed
    data: function () { return lastData; },
    el: el,
    start: start
  };
})(window, document);
