// The demo shop's catalog: ids, names, prices (EUR cents, to keep sums exact), categories and an
// inline SVG illustration each, so the shop needs no external assets.
(function (w) {
  'use strict';

  var art = {
    'aurora-lamp':
      '<rect width="200" height="160" fill="#f3ecdf"/><rect x="60" y="128" width="80" height="10" rx="5" fill="#3b3a36"/>' +
      '<path d="M100 128 L82 70 L120 40" stroke="#3b3a36" stroke-width="6" fill="none" stroke-linecap="round"/>' +
      '<path d="M104 28 L150 50 L132 78 Z" fill="#e9a23b"/><circle cx="138" cy="82" r="10" fill="#ffd98a" opacity=".7"/>',
    'stoneware-mug':
      '<rect width="200" height="160" fill="#e3eef0"/><path d="M130 62 h14 a18 18 0 0 1 0 36 h-14" stroke="#4d7c8a" stroke-width="8" fill="none"/>' +
      '<rect x="62" y="48" width="72" height="80" rx="10" fill="#4d7c8a"/><rect x="62" y="48" width="72" height="14" rx="6" fill="#6fa3b3"/>' +
      '<path d="M84 36 q6 -10 0 -20 M100 36 q6 -10 0 -20" stroke="#9bb8bf" stroke-width="3" fill="none"/>',
    'pour-over-kettle':
      '<rect width="200" height="160" fill="#efe6e6"/><path d="M60 126 h80 l-8 -62 h-64 z" fill="#2f2f33"/>' +
      '<path d="M132 80 q26 -4 34 -34" stroke="#2f2f33" stroke-width="6" fill="none" stroke-linecap="round"/>' +
      '<path d="M70 64 q30 -30 60 0" stroke="#b08a5a" stroke-width="6" fill="none"/><rect x="92" y="40" width="16" height="8" rx="3" fill="#b08a5a"/>',
    'trail-daypack':
      '<rect width="200" height="160" fill="#e5ede0"/><rect x="64" y="30" width="72" height="104" rx="22" fill="#5b7f4a"/>' +
      '<rect x="76" y="80" width="48" height="40" rx="10" fill="#46663a"/><path d="M80 30 q20 -20 40 0" stroke="#2e3f26" stroke-width="6" fill="none"/>' +
      '<line x1="100" y1="86" x2="100" y2="98" stroke="#d9e4cf" stroke-width="3"/>',
    'merino-beanie':
      '<rect width="200" height="160" fill="#f2e3e8"/><path d="M52 112 a48 52 0 0 1 96 0 z" fill="#b4455f"/>' +
      '<rect x="46" y="104" width="108" height="24" rx="8" fill="#8e3049"/><circle cx="100" cy="52" r="14" fill="#f3c5d0"/>' +
      '<path d="M62 116 h76" stroke="#f3c5d0" stroke-width="2" stroke-dasharray="4 4"/>',
    'pilea-plant':
      '<rect width="200" height="160" fill="#e8f0e4"/><path d="M72 104 h56 l-8 32 h-40 z" fill="#c46a3f"/>' +
      '<path d="M100 104 v-40 M100 84 l-24 -14 M100 76 l22 -18" stroke="#3f6b35" stroke-width="3"/>' +
      '<circle cx="100" cy="56" r="13" fill="#6aa35a"/><circle cx="72" cy="68" r="11" fill="#7bb46a"/><circle cx="126" cy="54" r="12" fill="#5c9450"/>'
  };

  var products = [
    { id: 'aurora-lamp', name: 'Aurora Desk Lamp', category: 'Home', priceCents: 4900,
      description: 'A warm, dimmable lamp with an adjustable arm, for late reading and early coffee.' },
    { id: 'stoneware-mug', name: 'Stoneware Mug', category: 'Kitchen', priceCents: 1450,
      description: 'Hand-glazed, 350 ml, keeps its heat and survives the dishwasher.' },
    { id: 'pour-over-kettle', name: 'Pour-Over Kettle', category: 'Kitchen', priceCents: 3990,
      description: 'A gooseneck kettle for a slow, steady pour. Works on every hob.' },
    { id: 'trail-daypack', name: 'Trail Daypack 20L', category: 'Outdoor', priceCents: 7900,
      description: 'Light, water-resistant and comfortable all day, with a padded laptop sleeve.' },
    { id: 'merino-beanie', name: 'Merino Beanie', category: 'Apparel', priceCents: 2400,
      description: 'Soft merino wool that breathes on a run and warms on a ridge.' },
    { id: 'pilea-plant', name: 'Pilea in Terracotta', category: 'Home', priceCents: 1990,
      description: 'The friendly "pancake plant" in a hand-thrown terracotta pot.' }
  ];

  function byId(id) {
    for (var i = 0; i < products.length; i++) if (products[i].id === id) return products[i];
    return null;
  }

  function svg(id) {
    return '<svg viewBox="0 0 200 160" role="img" aria-hidden="true" xmlns="http://www.w3.org/2000/svg">' +
      (art[id] || '') + '</svg>';
  }

  w.ShopCatalog = { products: products, byId: byId, svg: svg, currency: 'EUR' };
})(window);
