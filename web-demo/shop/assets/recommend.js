// The shop's recommendation slots, as a customer site would run them with Engage: the model is the
// collector's (GET /v1/recommendations/model, built from the demo's own events; POST rebuilds it),
// scored in the page by engage.recommend(). Home: "Recommended for you" (<section id="recommended">,
// list_id home-recommended); product pages: "Customers also viewed" (<section id="also-viewed">,
// list_id product-also-viewed). engage.recommendations.render() builds the tiles with DOM calls and
// tracks Product List Viewed (impressions) and Product Clicked (clicks) with the slot's list_id.
(function (w, d) {
  'use strict';

  var catalog = w.ShopCatalog;

  function tile(item, index, doc) {
    var p = catalog && catalog.byId ? catalog.byId(item.id) : null;
    var a = doc.createElement('a');
    a.className = 'card rec';
    a.setAttribute('href', '/product.html?id=' + encodeURIComponent(item.id));
    a.setAttribute('data-testid', 'rec-' + item.id);
    var name = doc.createElement('h3');
    name.textContent = p ? p.name : item.id;
    a.appendChild(name);
    var why = doc.createElement('small');
    why.className = 'rec-reason';
    why.textContent = item.reason;
    a.appendChild(why);
    return a;
  }

  function fill(client, section, title, listId, request) {
    var items = client.recommend(request);
    var heading = d.createElement('h2');
    heading.textContent = title;
    var list = d.createElement('div');
    list.className = 'rec-list';
    while (section.firstChild) section.removeChild(section.firstChild);
    section.appendChild(heading);
    section.appendChild(list);
    client.recommendations.render(list, items, { listId: listId, template: tile });
    section.dataset.ready = 'true';
  }

  w.engage.ready(function () {
    var client = w.engage;
    var home = d.getElementById('recommended');
    var also = d.getElementById('also-viewed');
    if (!home && !also) return;
    client.recommendations.load('/v1/recommendations/model').then(function () {
      // After this page's own Product Viewed (pages.js) has reached the core.
      setTimeout(function () {
        if (home) fill(client, home, 'Recommended for you', 'home-recommended', { context: 'home', k: 4 });
        var id = new URLSearchParams(w.location.search).get('id');
        if (also && id) fill(client, also, 'Customers also viewed', 'product-also-viewed',
          { context: 'product', item: id, k: 4, filter: { excludeItems: [id] } });
      }, 0);
    }, function (error) {
      if (w.console) w.console.warn('recommendations unavailable', error);
    });
  });
})(window, document);
