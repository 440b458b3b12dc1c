// Renders the shop's pages and reports what the shopper does through Engage, exactly as a customer
// site would: engage.track() / identify() on window.engage, which is the snippet's queueing stub until
// the SDK has loaded (the pages work without it). Page views are captured by the SDK itself.
(function (w, d) {
  'use strict';

  var catalog = w.ShopCatalog;
  var cart = w.ShopCart;
  // Always the current window.engage: the SDK replaces the snippet's stub when it loads, so a
  // reference kept from before would keep queueing into the discarded stub.
  function engage() { return w.engage; }

  // el('a', {href: '/', class: 'x', dataset: {testid: 'y'}}, [children or text])
  function el(tag, attrs, children) {
    var node = d.createElement(tag);
    for (var k in attrs || {}) {
      if (k === 'dataset') { for (var dk in attrs.dataset) node.dataset[dk] = attrs.dataset[dk]; }
      else if (k === 'html') node.innerHTML = attrs.html;  // trusted: catalog SVG only
      else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), attrs[k]);
      else node.setAttribute(k, attrs[k]);
    }
    [].concat(children == null ? [] : children).forEach(function (c) {
      node.appendChild(typeof c === 'string' ? d.createTextNode(c) : c);
    });
    return node;
  }

  function updateCartCount() {
    var badge = d.getElementById('cart-count');
    if (badge) badge.textContent = String(cart.count());
  }

  function productCard(p) {
    return el('a', { class: 'card', href: '/product.html?id=' + encodeURIComponent(p.id),
      dataset: { testid: 'product-card-' + p.id, productId: p.id } }, [
      el('div', { class: 'art', html: catalog.svg(p.id) }),
      el('div', { class: 'card-body' }, [
        el('span', { class: 'category' }, p.category),
        el('h3', {}, p.name),
        el('span', { class: 'price' }, cart.formatPrice(p.priceCents))
      ])
    ]);
  }

  function renderHome() {
    var grid = d.getElementById('product-grid');
    catalog.products.forEach(function (p) { grid.appendChild(productCard(p)); });
  }

  function renderProduct() {
    var root = d.getElementById('product');
    var p = catalog.byId(new URLSearchParams(w.location.search).get('id'));
    if (!p) {
      d.title = 'Not found · Fernwood';
      root.appendChild(el('div', { class: 'empty', id: 'product-missing' }, [
        el('h1', {}, 'This product does not exist'), el('a', { href: '/', class: 'button secondary' }, 'Back to the shop')]));
      return;
    }
    d.title = p.name + ' · Fernwood';
    var quantity = el('input', { id: 'quantity', type: 'number', min: '1', max: String(cart.MAX_QUANTITY), value: '1',
      dataset: { testid: 'quantity' }, 'aria-label': 'Quantity' });
    var status = el('p', { id: 'add-status', class: 'status', role: 'status', 'aria-live': 'polite' });
    var add = el('button', { id: 'add-to-cart', class: 'button', type: 'button', dataset: { testid: 'add-to-cart' },
      onclick: function () {
        var wanted = Math.max(1, Math.min(cart.MAX_QUANTITY, parseInt(quantity.value, 10) || 1));
        var added = cart.add(p.id, wanted);
        if (added > 0) engage().track('Product Added', cart.productProperties(p, { quantity: added, cart_id: cart.load().id }));
        status.textContent = '';
        status.appendChild(d.createTextNode(added > 0 ? 'Added ' + added + ' × ' + p.name + ' to your cart. '
          : 'You already have the most we can ship of this. '));
        status.appendChild(el('a', { href: '/cart.html', id: 'go-to-cart', dataset: { testid: 'go-to-cart' } }, 'View cart →'));
      } }, 'Add to cart');
    root.appendChild(el('nav', { class: 'crumbs' }, [el('a', { href: '/' }, 'Shop'), ' / ', p.category]));
    root.appendChild(el('div', { class: 'detail', dataset: { productId: p.id } }, [
      el('div', { class: 'art large', html: catalog.svg(p.id) }),
      el('div', { class: 'info' }, [
        el('span', { class: 'category' }, p.category),
        el('h1', { id: 'product-name' }, p.name),
        el('p', { class: 'price big', id: 'product-price' }, cart.formatPrice(p.priceCents)),
        el('p', { class: 'description' }, p.description),
        el('div', { class: 'buy' }, [quantity, add]),
        status
      ])
    ]));
    engage().track('Product Viewed', cart.productProperties(p));
  }

  function cartLine(line) {
    var p = line.product;
    function change(fn) { return function () { fn(); renderCartLines(); }; }
    return el('li', { class: 'line', dataset: { testid: 'cart-line-' + p.id, productId: p.id } }, [
      el('div', { class: 'art small', html: catalog.svg(p.id) }),
      el('div', { class: 'line-info' }, [el('a', { href: '/product.html?id=' + p.id }, p.name),
        el('span', { class: 'muted' }, cart.formatPrice(p.priceCents) + ' each')]),
      el('div', { class: 'stepper' }, [
        el('button', { type: 'button', 'aria-label': 'One less', dataset: { testid: 'decrease-' + p.id },
          onclick: change(function () {
            if (cart.remove(p.id, 1)) engage().track('Product Removed', cart.productProperties(p, { quantity: 1, cart_id: cart.load().id }));
          }) }, '−'),
        el('span', { class: 'qty', dataset: { testid: 'quantity-' + p.id } }, String(line.quantity)),
        el('button', { type: 'button', 'aria-label': 'One more', dataset: { testid: 'increase-' + p.id },
          onclick: change(function () {
            if (cart.add(p.id, 1)) engage().track('Product Added', cart.productProperties(p, { quantity: 1, cart_id: cart.load().id }));
          }) }, '+')
      ]),
      el('span', { class: 'line-total' }, cart.formatPrice(line.totalCents)),
      el('button', { type: 'button', class: 'link', dataset: { testid: 'remove-' + p.id },
        onclick: change(function () {
          var removed = cart.remove(p.id);
          if (removed) engage().track('Product Removed', cart.productProperties(p, { quantity: removed, cart_id: cart.load().id }));
        }) }, 'Remove')
    ]);
  }

  function renderCartLines() {
    var lines = cart.lines();
    var list = d.getElementById('cart-lines');
    list.textContent = '';
    lines.forEach(function (line) { list.appendChild(cartLine(line)); });
    d.getElementById('cart-empty').hidden = lines.length > 0;
    d.getElementById('cart-summary').hidden = lines.length === 0;
    d.getElementById('cart-subtotal').textContent = cart.formatPrice(cart.subtotalCents());
    d.getElementById('checkout-button').disabled = lines.length === 0;
  }

  function renderCart() {
    renderCartLines();
    d.getElementById('checkout-button').addEventListener('click', function () { w.location.href = '/checkout.html'; });
    engage().track('Cart Viewed', { cart_id: cart.load().id, products: cart.productsPayload(),
      value: cart.euros(cart.subtotalCents()), currency: catalog.currency });
  }

  function renderCheckout() {
    var lines = cart.lines();
    var form = d.getElementById('checkout-form');
    if (lines.length === 0) {
      d.getElementById('checkout-empty').hidden = false;
      return;
    }
    form.hidden = false;
    var summary = d.getElementById('order-lines');
    lines.forEach(function (line) {
      summary.appendChild(el('li', {}, [el('span', {}, line.quantity + ' × ' + line.product.name),
        el('span', {}, cart.formatPrice(line.totalCents))]));
    });
    d.getElementById('order-total').textContent = cart.formatPrice(cart.subtotalCents());
    var value = cart.euros(cart.subtotalCents());
    engage().track('Checkout Started', { cart_id: cart.load().id, value: value, revenue: value,
      currency: catalog.currency, products: cart.productsPayload() });
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      placeOrder(form);
    });
  }

  function placeOrder(form) {
    var email = form.elements.email.value.trim() || 'ada@example.com';
    var name = form.elements.name.value.trim() || 'Ada Lovelace';
    // A stable demo id per e-mail address, so different demo shoppers stay different users.
    var userId = 'demo-' + email.split('@')[0].toLowerCase().replace(/[^a-z0-9]+/g, '-');
    var total = cart.euros(cart.subtotalCents());
    var orderId = cart.newId('ord-');
    engage().identify(userId, { name: name, email: email });
    engage().track('Order Completed', { order_id: orderId, total: total, revenue: total, shipping: 0, tax: 0,
      currency: catalog.currency, products: cart.productsPayload() });
    cart.clear();
    form.hidden = true;
    d.getElementById('order-id').textContent = orderId;
    d.getElementById('order-confirmation').hidden = false;
  }

  var pages = { home: renderHome, product: renderProduct, cart: renderCart, checkout: renderCheckout };
  w.addEventListener('shop:cart', updateCartCount);
  w.addEventListener('storage', updateCartCount);  // another tab changed the cart
  updateCartCount();
  var render = pages[d.body.dataset.page];
  if (render) render();
})(window, document);
