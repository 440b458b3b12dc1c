// On-device recommendations in the page (issue 6). The site publishes a binary model; load() hands
// it to the core (base64 through the command boundary) and recommend() asks the core to score it
// with what this device knows about the visitor (the core learns from the Product Viewed / Added /
// Order Completed events tracked here, within the personalisation consent). render() fills a slot
// with text nodes and attributes only — never innerHTML from data — and tracks the slot's
// impressions (Product List Viewed) and clicks (Product Clicked) with its list_id.
import type { EngageClient } from './client';
import type { RecommendRequest, RecommendedItem, RecommendationsApi, RenderOptions } from './types';

/** Every default of the JS side of recommendations. */
export const RECOMMEND_DEFAULTS = Object.freeze({
  /** load(url): give up after this long. */
  loadTimeoutMs: 10000,
  /** recommend(): k when the page gives none. */
  k: 10,
});

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode.apply(null, Array.from(bytes.subarray(i, i + chunk)));
  }
  return btoa(binary);
}

async function fetchBytes(url: string, timeoutMs: number): Promise<Uint8Array> {
  const controller = typeof AbortController !== 'undefined' ? new AbortController() : null;
  const timer = setTimeout(() => controller?.abort(), timeoutMs);
  try {
    const response = await fetch(url, { credentials: 'same-origin', signal: controller?.signal });
    if (!response.ok) throw new Error(`model request failed: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  } finally {
    clearTimeout(timer);
  }
}

export class Recommendations {
  private loaded = false;
  readonly api: RecommendationsApi;

  constructor(private readonly client: EngageClient) {
    this.api = Object.freeze({
      load: (source: string | ArrayBuffer | Uint8Array, options?: { timeoutMs?: number }) => this.load(source, options),
      render: (container: Element, items: readonly RecommendedItem[], options: RenderOptions) => this.render(container, items, options),
      isLoaded: () => this.loaded,
    });
  }

  /** Resolves with the model's item count once the core holds it; rejects with the core's error. */
  async load(source: string | ArrayBuffer | Uint8Array, options?: { timeoutMs?: number }): Promise<number> {
    const bytes = typeof source === 'string'
      ? await fetchBytes(source, options?.timeoutMs ?? RECOMMEND_DEFAULTS.loadTimeoutMs)
      : source instanceof Uint8Array ? source : new Uint8Array(source);
    const text = toBase64(bytes);
    return new Promise<number>((resolve, reject) => {
      this.client.whenReady(() => {
        const r = this.client.command({ op: 'recommendationsModel', bytes: text });
        if (r && r.ok) {
          this.loaded = true;
          resolve(Number(r.items));
        } else {
          const error = (r?.error ?? { code: 'not_ready', message: 'the core is not running' }) as { code: string; message: string };
          reject(Object.assign(new Error(error.message), { code: error.code }));
        }
      });
    });
  }

  /** Synchronous once a model is loaded; [] before (and on any error). */
  recommend(request: RecommendRequest = {}): RecommendedItem[] {
    if (!this.loaded) return [];
    const r = this.client.command({ op: 'recommend', k: RECOMMEND_DEFAULTS.k, ...request });
    if (!r || !r.ok || !Array.isArray(r.items)) return [];
    return (r.items as Array<Record<string, unknown>>).map((e) => ({
      id: String(e.id),
      score: Number(e.score),
      reason: String(e.reason ?? ''),
      reasonCode: String(e.reasonCode ?? ''),
      because: String(e.because ?? ''),
    }));
  }

  /** Fills `container` (its previous children are removed) and tracks impressions and clicks. */
  render(container: Element, items: readonly RecommendedItem[], options: RenderOptions): Element[] {
    const listId = String(options.listId);
    const doc = container.ownerDocument;
    while (container.firstChild) container.removeChild(container.firstChild);
    const nodes: Element[] = [];
    items.forEach((item, index) => {
      const node = options.template ? options.template(item, index, doc) : defaultTile(item, doc, options.href);
      node.setAttribute('data-engage-item', item.id);
      node.setAttribute('data-engage-position', String(index + 1));
      node.addEventListener('click', () => {
        this.client.track('Product Clicked', { list_id: listId, product_id: item.id, position: index + 1 });
      });
      container.appendChild(node);
      nodes.push(node);
    });
    if (items.length > 0) {
      this.client.track('Product List Viewed', {
        list_id: listId,
        products: items.map((item, index) => ({ product_id: item.id, position: index + 1 })),
      });
    }
    return nodes;
  }
}

/** An <a> (or <div> without `href`) with the id and the reason as text nodes. */
function defaultTile(item: RecommendedItem, doc: Document, href?: (id: string) => string): Element {
  const tile = doc.createElement(href ? 'a' : 'div');
  tile.className = 'engage-rec';
  if (href) tile.setAttribute('href', href(item.id));
  const name = doc.createElement('span');
  name.className = 'engage-rec-id';
  name.textContent = item.id;
  tile.appendChild(name);
  if (item.reason) {
    const reason = doc.createElement('small');
    reason.className = 'engage-rec-reason';
    reason.textContent = item.reason;
    tile.appendChild(reason);
  }
  return tile;
}
