// The shop's own cart, kept in localStorage (independent of Engage, as in any real shop), and the
// Segment ecommerce property shapes the pages send with engage.track().
(function (w) {
  'use strict';

  var KEY = 'shop.cart.v1';
  var MAX_QUANTITY = 10;
  var catalog = w.ShopCatalog;

  function newId(prefix) {
    return prefix + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
  }

  // { id, items: [{ product_id, quantity }] }; a fresh cart when storage is empty, broken or blocked.
  function load() {
    try {
      var cart = JSON.parse(w.localStorage.getItem(KEY));
      if (cart && typeof cart.id === 'string' && Array.isArray(cart.items)) return cart;
    } catch (e) { /* unreadable: start over */ }
    return { id: newId('cart-'), items: [] };
  }

  function save(cart) {
    try { w.localStorage.setItem(KEY, JSON.stringify(cart)); } catch (e) { /* storage full or disabled */ }
    w.dispatchEvent(new CustomEvent('shop:cart', { detail: cart }));
  }

  function find(cart, productId) {
    for (var i = 0; i < cart.items.length; i++) if (cart.items[i].product_id === productId) return cart.items[i];
    return null;
  }

  // Adds up to `quantity` (capped per line); returns how many were actually added.
  function add(productId, quantity) {
    var cart = load();
    var item = find(cart, productId);
    if (!item) { item = { product_id: productId, quantity: 0 }; cart.items.push(item); }
    var added = Math.max(0, Math.min(quantity, MAX_QUANTITY - item.quantity));
    item.quantity += added;
    save(cart);
    return added;
  }

  // Removes up to `quantity` (all when omitted); returns how many were actually removed.
  function remove(productId, quantity) {
    var cart = load();
    var item = find(cart, productId);
    if (!item) return 0;
    var removed = quantity == null ? item.quantity : Math.min(quantity, item.quantity);
    item.quantity -= removed;
    if (item.quantity === 0) cart.items.splice(cart.items.indexOf(item), 1);
    save(cart);
    return removed;
  }

  function clear() {
    save({ id: newId('cart-'), items: [] });
  }

  function count() {
    return load().items.reduce(function (n, item) { return n + item.quantity; }, 0);
  }

  // The cart's lines joined with the catalog (unknown products are dropped).
  function lines() {
    return load().items.map(function (item) {
      var p = catalog.byId(item.product_id);
      return p && { product: p, quantity: item.quantity, totalCents: p.priceCents * item.quantity };
    }).filter(Boolean);
  }

  function subtotalCents() {
    return lines().reduce(function (sum, line) { return sum + line.totalCents; }, 0);
  }

  function euros(cents) { return Math.round(cents) / 100; }

  function formatPrice(cents) {
    return new Intl.NumberFormat('en-IE', { style: 'currency', currency: catalog.currency }).format(euros(cents));
  }

  // Segment's product properties.
  function productProperties(p, extra) {
    var props = { product_id: p.id, sku: p.id, name: p.name, price: euros(p.priceCents), category: p.category,
      currency: catalog.currency, url: w.location.origin + '/product.html?id=' + p.id };
    for (var k in extra) props[k] = extra[k];
    return props;
  }

  // The products array of Cart Viewed, Checkout Started and Order Completed.
  function productsPayload() {
    return lines().map(function (line, i) {
      return { product_id: line.product.id, sku: line.product.id, name: line.product.name,
        price: euros(line.product.priceCents), category: line.product.category, quantity: line.quantity,
        position: i + 1 };
    });
  }

  w.ShopCart = { load: load, add: add, remove: remove, clear: clear, count: count, lines: lines,
    subtotalCents: subtotalCents, euros: euros, formatPrice: formatPrice, newId: newId,
    productProperties: productProperties, productsPayload: productsPayload, MAX_QUANTITY: MAX_QUANTITY };
})(window);
