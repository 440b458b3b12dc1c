// The shop's feature flag and A/B test, as a customer site would run them with Engage:
//   free-shipping-banner  a flag (a rollout rule: set its coverage below 1 to show it to a share of
//                         visitors, or remove the rule to switch it off) showing a banner under the header;
//   checkout-button       an experiment (checkout-button-test, 50/50) on the cart page's checkout
//                         button: "Proceed to checkout" (control) or a bold "Buy now" (buy-now).
// Both are defined in /features.json. The cart page hides only the button until the features are
// applied, and never longer than 300 ms (the inline anti-flicker snippet in cart.html). The
// experiment's goal is `Order Completed`: its results are on the dashboard's experiments page.
(function (w, d) {
  'use strict';

  function engage() { return w.engage; }

  function banner() {
    var node = d.getElementById('free-shipping-banner');
    if (!node) {
      node = d.createElement('div');
      node.id = 'free-shipping-banner';
      node.className = 'banner';
      node.dataset.testid = 'free-shipping-banner';
      node.hidden = true;
      var header = d.querySelector('.site-header');
      if (header) header.insertAdjacentElement('afterend', node);
    }
    return node;
  }

  function apply() {
    var flag = engage().feature('free-shipping-banner');
    var node = banner();
    node.hidden = !flag.on;
    node.textContent = typeof flag.value === 'string' ? flag.value : '';

    var button = d.getElementById('checkout-button');
    if (button) {
      // Evaluated only where the button is shown: the exposure is logged for visitors who see it.
      var variant = engage().feature('checkout-button').value || {};
      if (variant.label) button.textContent = variant.label;
      button.classList.toggle('bold', variant.style === 'bold');
      button.dataset.variant = variant.style || 'standard';
    }
    var hiding = d.getElementById('engage-anti-flicker');
    if (hiding) hiding.remove();
  }

  engage().ready(function () {
    var client = engage();
    client.setAttributes({ page: d.body.dataset.page, cartItems: w.ShopCart ? w.ShopCart.count() : 0 });
    client.features.load('/features.json').then(function (result) {
      if (!result.ok) {
        var hiding = d.getElementById('engage-anti-flicker');
        if (hiding) hiding.remove(); // show the default rather than wait
        return;
      }
      apply();
      client.onFeaturesChange(apply);
    });
  });
})(window, document);
