// The public types of Engage. dist/engage.d.ts is generated from this file.

/** Event properties or traits: any JSON-serialisable object. */
export type Properties = Record<string, unknown>;

export interface EngageError {
  /** invalid_event_name, invalid_properties, too_deep, too_large, invalid_id, not_ready, ... */
  code: string;
  message: string;
}

/** Every call returns a value instead of throwing into the page. */
export type CallResult = { ok: true } | { ok: false; error: EngageError };

export interface EngageLimits {
  /** Longest event/page name, in UTF-8 bytes. Default 200. */
  maxNameLength?: number;
  /** Deepest nesting of objects/arrays inside properties. Default 10. */
  maxDepth?: number;
  /** Largest serialised event, context included. Default 32768. */
  maxEventBytes?: number;
  /** Longest userId/groupId/previousId. Default 256. */
  maxIdLength?: number;
}

export interface Destination {
  /** Where batches are POSTed. */
  url: string;
  /** Body shape: Engage's own, Segment's /v1/batch (also RudderStack, Jitsu), or PostHog's /batch/. */
  format?: 'engage' | 'segment' | 'posthog';
  /** Defaults to the top-level writeKey (PostHog: the project API key). */
  writeKey?: string;
  /** Gzip bodies (Content-Encoding: gzip) where the browser has CompressionStream. Default false. */
  gzip?: boolean;
}

export interface DeliveryStats {
  /** Events waiting, summed over destinations. */
  queued: number;
  /** Batches on the wire now. */
  inFlight: number;
  accepted: number;
  /** Events the backends acknowledged. */
  sent: number;
  /** Batch attempts that failed and were scheduled again. */
  retried: number;
  batches: number;
  bytesSent: number;
  /** Events handed to sendBeacon at page hide (kept until a later load resends them). */
  beaconed: number;
  /** Writes the storage refused (the events stayed in memory). */
  storageFailures: number;
  /** Events dropped, by reason: queue_full, expired, too_large, rejected_<status>. */
  dropped: Record<string, number>;
  online: boolean;
  /** WebAssembly memory held by the core (it grows in 64 KiB pages and never shrinks). */
  wasmMemoryBytes: number;
  destinations: Array<Omit<DeliveryStats, 'destinations' | 'online' | 'wasmMemoryBytes'> & { url: string; format: string }>;
}

/** engage.consent.set({...}): any of the categories, or all. Unmentioned categories keep their value. */
export interface ConsentChoice {
  all?: boolean;
  analytics?: boolean;
  personalisation?: boolean;
  experiments?: boolean;
  marketing?: boolean;
}

/** The decision in effect, as stamped on every event (context.consent), plus the waiting buffer. */
export interface ConsentState {
  model: 'opt-in' | 'opt-out';
  decided: boolean;
  source: 'default' | 'user' | 'gpc' | 'consent-mode' | 'tcf';
  granted: Array<'necessary' | 'analytics' | 'personalisation' | 'experiments' | 'marketing'>;
  gpc: boolean;
  /** May Engage write ids and queues to this device now? */
  mayPersist: boolean;
  /** Events waiting (opt-in, undecided), in memory only. */
  held: number;
  heldBytes: number;
  droppedWhileHeld: number;
  /** Events discarded because the decision denied them. */
  discarded: number;
}

export interface ConsentApi {
  /** The visitor's choice, e.g. from your banner: `engage.consent.set({ analytics: true, marketing: false })`. */
  set(choice: ConsentChoice): void;
  /** A Google Consent Mode v2 update payload ({ analytics_storage: 'granted', ad_storage: 'denied', ... }). */
  consentMode(signals: Record<string, string>): void;
  /** An IAB TCF v2.2 tcData object. */
  tcf(tcData: unknown): void;
  /** Back to undecided; the stored decision is removed. */
  forget(): void;
  /** The decision in effect; null before ready. */
  get(): ConsentState | null;
}

export interface ConsentOptions {
  /** 'opt-in': nothing stored or sent before the visitor decides. Default 'opt-out'. */
  model?: 'opt-in' | 'opt-out';
  /** Global Privacy Control on => marketing denied. Default true. */
  honourGpc?: boolean;
  /** No persistent identifiers; the session lives in memory only. Default false. */
  cookieless?: boolean;
  /** Events held in memory before the decision (opt-in). Default 500 / 1 MiB. */
  pendingMaxEvents?: number;
  pendingMaxBytes?: number;
  /** Forward Google Consent Mode v2 'update' commands found in window.dataLayer. Default false. */
  consentMode?: boolean;
  /** Listen to the page's IAB TCF v2.2 CMP (window.__tcfapi). Default false. */
  tcf?: boolean;
}

export interface EngageOptions {
  /** Sent with every batch; identifies the source to the backend. */
  writeKey?: string;
  /** Where batches are POSTed. Default: /v1/batch on the script's origin (script tag) or the page's. */
  endpoint?: string;
  /** A batch leaves after this many ms at the latest. Default 1000. */
  flushIntervalMs?: number;
  /** A batch leaves when it holds this many events. Default 100. */
  maxBatchEvents?: number;
  /** A batch leaves when it holds this many bytes. Default 61440. */
  maxBatchBytes?: number;
  /** Events kept waiting per destination; the oldest are dropped beyond it. Default 1000. */
  maxQueueEvents?: number;
  /** Bytes kept waiting per destination; likewise. Default 1048576. */
  maxQueueBytes?: number;
  /** Undelivered events older than this are dropped. Default 7 days. */
  maxEventAgeMs?: number;
  /** Send to several backends at once; replaces endpoint. */
  destinations?: Destination[];
  /** Gzip bodies to the endpoint (the Engage collector accepts it). Default false. */
  gzip?: boolean;
  /** Prefix of every storage key Engage writes. Default "engage.". */
  storagePrefix?: string;
  /** Page views on load and on SPA route changes. Default true. */
  /** What Engage captures by itself; each part defaults to on (js/src/autocapture.ts). */
  autocapture?: boolean | { pageviews?: boolean; engagement?: boolean; scroll?: boolean; clicks?: boolean; outbound?: boolean; campaign?: boolean };
  /** Sessions and engagement metrics (docs/METRICS.md): true or limits turn them on (default off). */
  engagement?: boolean | EngagementConfig;
  limits?: EngageLimits;
  /** URL of engage.wasm. Default: next to engage.js / engage.mjs. */
  wasmUrl?: string;
  /** Log debug lines to the console. Default false. */
  debug?: boolean;
  /** Consent model and signals (docs/PRIVACY.md). */
  consent?: ConsentOptions;
  /** PII redaction rules (docs/PRIVACY.md); on by default. */
  redaction?: Record<string, unknown>;
}

export interface EngageUser {
  anonymousId: string | null;
  userId: string | null;
}

export interface Engage {
  /** Configures Engage. Calls made before init() are kept and run after it, in order. */
  init(options?: EngageOptions): CallResult;
  /** Records an action: `engage.track('Product Added', { product_id: 'sku-1', price: 19.9 })`. */
  track(event: string, properties?: Properties): CallResult;
  /** Records a page view. Engage captures page views itself unless autocapture is off. */
  page(name?: string, properties?: Properties): CallResult;
  /** Ties later events to a known user; pass traits to remember about them. */
  identify(userId: string | null, traits?: Properties): CallResult;
  /** Puts the user in a group (company, team, account). */
  group(groupId: string, traits?: Properties): CallResult;
  /** Links a new user id to the previous one (or to the anonymous id). */
  alias(userId: string, previousId?: string): CallResult;
  /** Forgets the user (logout): a new anonymousId, no userId. */
  reset(): CallResult;
  /** Hands every waiting event to the transport now; resolves when that is done. */
  flush(): Promise<void>;
  /** Resolves (and calls `callback`) once the WebAssembly core runs. */
  ready(callback?: () => void): Promise<void>;
  /** The visitor's ids, once ready. */
  user(): EngageUser;
  /** The visitor's consent: set, get, Consent Mode, TCF. */
  readonly consent: ConsentApi;
  /** Delivery counters (queued, sent, retried, dropped by reason, bytes); null before ready. */
  deliveryStats(): DeliveryStats | null;
}

// --- Feature flags and experiments (js/src/experiments.ts; the README's "Experiments and feature flags")

/** engage.feature(key): the feature's value for this visitor, GrowthBook's FeatureResult in short. */
export interface FeatureResult {
  /** JS truthiness of value. */
  on: boolean;
  off: boolean;
  /** null for unknown features and before the core runs. */
  value: unknown;
  /** 'unknown' before the core runs; then GrowthBook's: unknownFeature, defaultValue, force, experiment, override, prerequisite, cyclicPrerequisite. */
  source: 'unknown' | 'unknownFeature' | 'defaultValue' | 'force' | 'experiment' | 'override' | 'prerequisite' | 'cyclicPrerequisite';
  /** The rule that decided ('' for none). */
  ruleId: string;
  /** When an experiment rule ran: its variation key and index. */
  experiment?: { key: string; variationId: number; inExperiment: boolean };
}

/** engage.experiment(keyOrDefinition): the visitor's variation. */
export interface ExperimentAssignment {
  inExperiment: boolean;
  /** Index into the variations (0 when not in the experiment). */
  variationId: number;
  /** The variation's value (variation 0's when not in the experiment). */
  value: unknown;
  /** The variation key (meta[i].key, else the index as text). */
  key: string;
  /** Assigned by hashing (false when forced by `?key=N` or excluded). */
  hashUsed: boolean;
}

/** An inline experiment, as GrowthBook's: only key and variations are required. */
export interface ExperimentDefinition {
  key: string;
  variations: unknown[];
  weights?: number[];
  coverage?: number;
  condition?: Record<string, unknown>;
  hashAttribute?: string;
  seed?: string;
  hashVersion?: number;
  meta?: Array<{ key?: string; name?: string; passthrough?: boolean }>;
  [more: string]: unknown;
}

/** A GrowthBook-style SDK payload. */
export interface FeaturesPayload {
  features: Record<string, unknown>;
  savedGroups?: Record<string, unknown[]>;
  forcedVariations?: Record<string, number>;
  forcedFeatures?: Record<string, unknown>;
  qaMode?: boolean;
  [more: string]: unknown;
}

export interface FeaturesApi {
  /** Loads features inline or from a URL (GET, same-origin credentials, 5 s timeout); resolves once the core has them. */
  load(source: string | FeaturesPayload, options?: { timeoutMs?: number }): Promise<CallResult>;
}

export interface Engage {
  /** A feature's value, synchronously; { on: false, value: null, source: 'unknown' } until the core runs. */
  feature(key: string): FeatureResult;
  /** The visitor's variation in an experiment: a key from the loaded features, or an inline definition. */
  experiment(experiment: string | ExperimentDefinition): ExperimentAssignment;
  /** Feature payloads: `await engage.features.load('/features.json')`. */
  readonly features: FeaturesApi;
  /** Targeting attributes (replacing the previous ones); `id` (the anonymousId), `anonymousId` and `userId` are added unless given. */
  setAttributes(attributes: Record<string, unknown>): CallResult;
  /** Called after anything that may change feature values (features, attributes, URL, identity, consent); returns an unsubscribe. */
  onFeaturesChange(listener: () => void): () => void;
  /** Hides `selector` (default [data-engage-hide]) until reveal() or `timeoutMs` (default 300, max 1000); returns reveal. */
  antiFlicker(selector?: string, timeoutMs?: number): () => void;
}

// --- Recommendations (issue 6) ---------------------------------------------------------------

export interface RecommendFilter {
  categories?: string[];
  excludeCategories?: string[];
  excludeItems?: string[];
  /** Drop items viewed in this session (default true for engage.recommend()). */
  excludeSession?: boolean;
  maxPerCategory?: number;
  pin?: string[];
  boost?: { items?: Record<string, number>; categories?: Record<string, number> };
}

export interface RecommendRequest {
  context?: 'home' | 'product' | 'cart';
  /** The product on screen (product context). */
  item?: string;
  /** How many (default 10, at most 100). */
  k?: number;
  filter?: RecommendFilter;
  [more: string]: unknown;
}

export interface RecommendedItem {
  id: string;
  score: number;
  /** "because you viewed X", "bought together with X", "popular", ... */
  reason: string;
  reasonCode?: string;
  because?: string;
}

export interface RenderOptions {
  /** The slot's list_id on Product List Viewed / Product Clicked. */
  listId: string;
  /** Builds one tile with DOM calls (never innerHTML from data); default: the id and the reason. */
  template?: (item: RecommendedItem, index: number, doc: Document) => Element;
  /** Default tile only: the link of an item. */
  href?: (id: string) => string;
}

export interface RecommendationsApi {
  /** Loads the site's model (URL, ArrayBuffer or Uint8Array); resolves with its item count. */
  load(source: string | ArrayBuffer | Uint8Array, options?: { timeoutMs?: number }): Promise<number>;
  /** Fills a container and tracks Product List Viewed (impressions) and Product Clicked (clicks). */
  render(container: Element, items: readonly RecommendedItem[], options: RenderOptions): Element[];
  isLoaded(): boolean;
}

export interface Engage {
  /** Recommendations for a slot, synchronously once a model is loaded; [] before. */
  recommend(request?: RecommendRequest): RecommendedItem[];
  readonly recommendations: RecommendationsApi;
}

// --- Engagement metrics (js/src/metrics.ts; docs/METRICS.md; the README's "Engagement metrics")

/** config.engagement: the core's EngagementConfig fields the page may set. */
export interface EngagementConfig {
  sessionTimeoutMs?: number;
  sessionMaxLengthMs?: number;
  idleCutoffMs?: number;
  engagedSessionMinMs?: number;
  engagedSessionMinPages?: number;
  splitOnCampaignChange?: boolean;
  conversionEvents?: string[];
}

export interface CampaignInfo { source?: string; medium?: string; name?: string; term?: string; content?: string; [key: string]: unknown }

export interface SessionMetrics {
  sessionId: number; sessionNumber: number; startMs: number; lastActivityMs: number; durationMs: number;
  pageViews: number; engagedMs: number; engaged: boolean; bounce: boolean; converted: boolean;
  orders: number; revenue: number;
  /** 0 none, 1 viewed a product, 2 added to cart, 3 checkout, 4 order. */
  funnelStep: 0 | 1 | 2 | 3 | 4;
  landingPage: string; referrer: string; campaign: CampaignInfo | null;
  /** Items added since the last order. */
  cartOpen: boolean; checkoutOpen: boolean;
}

export interface PageMetrics { path: string; url: string; title: string; engagedMs: number; maxScrollPct: number; durationMs: number }

export interface CartProduct { product_id: string; name?: string; price: number; quantity: number }

export interface CartMetrics { products: CartProduct[]; itemCount: number; value: number }

export interface FunnelStep { step: string; sessions: number; fromPrevious: number; dropOff: number }

export interface LifetimeMetrics {
  visitors: number; sessions: number; pageViews: number; durationMs: number; engagedMs: number;
  pagesPerSession: number; avgDurationMs: number; avgEngagedMs: number;
  engagedSessions: number; bounces: number; bounceRate: number;
  convertedSessions: number; conversionRate: number;
  carts: number; cartsAbandoned: number; cartAbandonmentRate: number;
  checkouts: number; checkoutsAbandoned: number; checkoutAbandonmentRate: number;
  orders: number; revenue: number; averageOrderValue: number;
  purchasers: number; purchaseFrequency: number; repeatPurchasers: number; repeatPurchaseRate: number;
  customerValue: number; funnel: FunnelStep[];
  firstSeenMs: number; lastSeenMs: number; lastOrderMs: number;
  /** null = never. */
  daysSinceLastVisit: number | null; daysSinceLastOrder: number | null;
  /** 0..100 (recency-frequency-monetary). */
  engagementScore: number;
  rfm: { score: number; recency: number; frequency: number; monetary: number };
}

/** engage.metrics(): the current session, this tab's page, the cart and the device's lifetime. */
export interface EngageMetrics {
  asOfMs: number; storageOk: boolean;
  session: SessionMetrics | null; page: PageMetrics | null; cart: CartMetrics; lifetime: LifetimeMetrics;
}

export type EngagementEventName = 'session started' | 'session ended' | 'cart abandoned' | 'checkout abandoned';

/** What engage.on() listeners receive: the event as the core emitted (and sent) it. */
export interface EngagementEvent { event: string; properties: Record<string, unknown>; sessionId: number; atMs: number }

export interface Engage {
  /** Engagement metrics now (cached until an event or activity crosses); null before ready or when off. */
  metrics(): EngageMetrics | null;
  on(name: EngagementEventName, listener: (event: EngagementEvent) => void): void;
  off(name: EngagementEventName, listener?: (event: EngagementEvent) => void): void;
}
