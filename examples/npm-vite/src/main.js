// Engage from npm: import the shared client, configure it once, call it from event handlers.
// Vite bundles engage.mjs and, because engage.mjs locates its WebAssembly with
// `new URL('./engage.wasm', import.meta.url)`, also emits engage.wasm as a hashed asset beside it.
import engage from 'engage-sdk';

// Where batches are POSTed. VITE_ENGAGE_ENDPOINT is read at build time (`VITE_ENGAGE_ENDPOINT=... npm
// run build`); the default is the reference collector started by scripts/demo.sh.
const endpoint = import.meta.env.VITE_ENGAGE_ENDPOINT || 'http://127.0.0.1:8080/v1/batch';

const log = (line) => { document.querySelector('#log').textContent += `${line}\n`; };

// Calls never throw: each returns { ok: true } or { ok: false, error: { code, message } }.
const result = engage.init({ writeKey: 'example-npm-vite', endpoint });
if (!result.ok) log(`init failed: ${result.error.message}`);

document.querySelector('#add-to-cart').addEventListener('click', () => {
  const r = engage.track('Product Added', { product_id: 'mug-green', name: 'Green mug', price: 14, quantity: 1 });
  log(`track Product Added: ${JSON.stringify(r)}`);
});

document.querySelector('#buy').addEventListener('click', () => {
  const r = engage.track('Order Completed', { order_id: 'order-1001', revenue: 14, currency: 'EUR' });
  log(`track Order Completed: ${JSON.stringify(r)}`);
});

engage.ready(() => {
  document.querySelector('#status').textContent = `Engage is ready; anonymousId ${engage.user().anonymousId}`;
});
