// The Engage client: the public API over the WebAssembly core. Calls are validated and serialised
// at call time (with their timestamp), buffered, and handed to the core in one crossing on the next
// microtask; the client owns the single timer the core asks for. Nothing here throws into the page.
import { createConsentApi, startConsentSignals } from './consent';
import { FallbackQueue } from './fallback';
import { pageContext } from './context';
import { Experiments, antiFlicker } from './experiments';
import { Recommendations } from './recommendations';
import { Metrics } from './metrics';
import { startAutocapture } from './autocapture';
import type { EngageMetrics, EngagementEvent, EngagementEventName } from './types';
import { browserStorage, consoleLogger, fetchTransport, randomU32, uuid, type CoreHost, type SendOutcome } from './host';
import { holdTabLock, liveTabs, watchLifecycle, withOriginLock } from './lifecycle';
import { watchRouteChanges } from './pageviews';
import type { CallResult, ConsentApi, DeliveryStats, Engage, EngageError, EngageLimits, EngageOptions, EngageUser, Properties } from './types';
import type { ExperimentAssignment, ExperimentDefinition, FeatureResult, FeaturesApi } from './types';
import type { RecommendRequest, RecommendedItem } from './types';
import { DEFAULT_LIMITS, checkId, checkName, serialiseObject } from './validate';

export interface CoreHandle {
  run(commandsJson: string): string;
  tick(): number;
  sendResult(batchId: string, status: number, retryAfterMs: number): void;
  /** Bytes of WebAssembly memory the core holds now. */
  memoryBytes(): number;
  /** Traps inside the instance (tests of the recovery). */
  debugAbort?(): void;
}

export type CoreFactory = (host: CoreHost, wasmUrl: string) => Promise<CoreHandle>;

const OK: CallResult = Object.freeze({ ok: true }) as CallResult;

export class EngageClient implements Engage {
  private core: CoreHandle | null = null;
  private pending: string[] = [];
  private flushScheduled = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private timerAt = Infinity;
  private options: EngageOptions | null = null;
  private limits: Required<EngageLimits> = DEFAULT_LIMITS;
  private readyPromise: Promise<void>;
  private resolveReady!: () => void;
  private identity: EngageUser = { anonymousId: null, userId: null };
  private log: CoreHost['log'] = consoleLogger(false);
  private tabId = randomU32().toString(36) + randomU32().toString(36);
  private prefix = 'engage.';
  private callTs: number | null = null; // set while replaying calls made earlier
  private observers: Array<(commands: readonly string[]) => void> = [];
  private readonly flags = new Experiments(this); // after observers: it observes
  readonly features: FeaturesApi = this.flags.api;
  readonly consent: ConsentApi = createConsentApi(this);
  private readonly recs = new Recommendations(this);
  private readonly engagementMetrics = new Metrics(this); // after observers: it observes
  readonly recommendations = this.recs.api;
  private fallback: FallbackQueue | null = null;
  private restarts = 0;
  private configureJson = '{"op":"configure","config":{}}';
  private contextCommand = '';
  private host: CoreHost | null = null;
  private wasmUrl = '';

  constructor(private readonly loadCore: CoreFactory, private readonly defaultWasmUrl: string) {
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
    if (typeof window !== 'undefined') this.refreshContext(document.referrer);
  }

  init(options: EngageOptions = {}): CallResult {
    return this.guard(() => {
      if (this.options) return this.fail({ code: 'already_initialised', message: 'engage.init() was already called' });
      this.options = options;
      this.limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
      this.log = consoleLogger(!!options.debug);
      this.prefix = options.storagePrefix ?? 'engage.';
      const config: Record<string, unknown> = { ...options, endpoint: resolveEndpoint(options.endpoint) };
      if (Array.isArray(options.destinations)) {
        config.destinations = options.destinations.map((d) => ({ ...d, url: resolveEndpoint(d.url) }));
      }
      for (const key of ['autocapture', 'wasmUrl', 'debug']) delete config[key];
      // configure must run before every call buffered so far.
      this.configureJson = JSON.stringify({ op: 'configure', config, tabId: this.tabId });
      this.pending.unshift(this.configureJson);
      if (typeof navigator !== 'undefined' && navigator.onLine === false) this.pending.splice(1, 0, '{"op":"online","online":false}');
      startConsentSignals(this, options);
      if (autocapturePageviews(options)) {
        this.page();
        watchRouteChanges((previousUrl) => {
          this.refreshContext(previousUrl);
          this.page();
        });
      }
      this.start(options.wasmUrl ?? this.defaultWasmUrl);
      startAutocapture(this, options);
      // Hidden before the core runs: keep the buffered calls for the next load.
      window.addEventListener('pagehide', () => this.guard(() => { if (!this.core) this.saveEarlyCalls(); return OK; }));
      return OK;
    });
  }

  track(event: string, properties?: Properties): CallResult {
    return this.guard(() => {
      const nameError = checkName(event, 'event name', true, this.limits);
      if (nameError) return this.fail(nameError);
      const props = serialiseObject(properties, 'properties', this.limits);
      if (props.error) return this.fail(props.error);
      return this.enqueue(`{"op":"track","event":${JSON.stringify(event)},"properties":${props.json}`);
    });
  }

  page(name?: string, properties?: Properties): CallResult {
    return this.guard(() => {
      if (name !== undefined && typeof name === 'object') { properties = name as Properties; name = undefined; }
      const nameError = checkName(name, 'page name', false, this.limits);
      if (nameError) return this.fail(nameError);
      const props = serialiseObject(properties, 'properties', this.limits);
      if (props.error) return this.fail(props.error);
      const nameJson = name === undefined ? '' : `,"name":${JSON.stringify(name)}`;
      return this.enqueue(`{"op":"page"${nameJson},"properties":${props.json}`);
    });
  }

  identify(userId: string | null, traits?: Properties): CallResult {
    return this.guard(() => {
      if (userId !== null && typeof userId === 'object') { traits = userId as Properties; userId = null; }
      const idError = checkId(userId, 'userId', false, this.limits);
      if (idError) return this.fail(idError);
      const t = serialiseObject(traits, 'traits', this.limits);
      if (t.error) return this.fail(t.error);
      if (userId !== null && userId !== undefined) this.identity.userId = String(userId);
      return this.enqueue(`{"op":"identify","userId":${JSON.stringify(userId ?? null)},"traits":${t.json}`);
    });
  }

  group(groupId: string, traits?: Properties): CallResult {
    return this.guard(() => {
      const idError = checkId(groupId, 'groupId', true, this.limits);
      if (idError) return this.fail(idError);
      const t = serialiseObject(traits, 'traits', this.limits);
      if (t.error) return this.fail(t.error);
      return this.enqueue(`{"op":"group","groupId":${JSON.stringify(groupId)},"traits":${t.json}`);
    });
  }

  alias(userId: string, previousId?: string): CallResult {
    return this.guard(() => {
      const idError = checkId(userId, 'userId', true, this.limits) ?? checkId(previousId, 'previousId', false, this.limits);
      if (idError) return this.fail(idError);
      return this.enqueue(`{"op":"alias","userId":${JSON.stringify(userId)},"previousId":${JSON.stringify(previousId ?? null)}`);
    });
  }

  reset(): CallResult {
    return this.guard(() => {
      this.identity = { anonymousId: null, userId: null };
      this.pending.push('{"op":"reset"}');
      this.scheduleFlush();
      return OK;
    });
  }

  async flush(): Promise<void> {
    await this.readyPromise;
    this.guard(() => {
      this.pending.push('{"op":"flush"}');
      this.drain();
      return OK;
    });
  }

  ready(callback?: () => void): Promise<void> {
    if (callback) this.readyPromise.then(() => this.guard(() => { callback(); return OK; }));
    return this.readyPromise;
  }

  user(): EngageUser {
    return { ...this.identity };
  }

  deliveryStats(): DeliveryStats | null {
    const result = this.query('{"op":"deliveryStats"}');
    if (!result || !this.core) return null;
    return { ...(result as unknown as DeliveryStats), wasmMemoryBytes: this.core.memoryBytes() };
  }

  /**
   * Replays a call made to the snippet's stub at time `ts` (epoch ms), as if it had been made then.
   * Used by the script-tag loader; not part of the public API.
   */
  replayCall(ts: number | undefined, method: string, args: unknown[]): void {
    const fn = (this as unknown as Record<string, unknown>)[method];
    if (typeof fn !== 'function' || method.startsWith('replay')) return;
    this.callTs = typeof ts === 'number' && Number.isFinite(ts) ? ts : null;
    try { (fn as (...a: unknown[]) => unknown).apply(this, args); } finally { this.callTs = null; }
  }

  /**
   * A page the visitor left before engage.js ran: its page view and the calls its stub queued, with
   * their own URL, title, referrer and times. Runs before init(), so it comes before this page.
   */
  replayLeftPage(page: { url: string; title: string; referrer: string; startedAt: number }, calls: Array<[number, string, ...unknown[]]>, pageView: boolean): void {
    this.guard(() => {
      this.pending.push(`{"op":"context","context":${JSON.stringify(pageContext(page.referrer, page.url, page.title))}}`);
      if (pageView) this.replayCall(page.startedAt, 'page', []);
      for (const [ts, method, ...args] of calls) {
        if (['track', 'page', 'identify', 'group', 'alias', 'reset'].includes(method)) this.replayCall(ts, method, args);
      }
      this.refreshContext(document.referrer);
      return OK;
    });
  }

  // --- feature flags and experiments (experiments.ts) ------------------------------------------

  feature(key: string): FeatureResult { return this.flags.feature(key); }
  experiment(experiment: string | ExperimentDefinition): ExperimentAssignment { return this.flags.experiment(experiment); }
  setAttributes(attributes: Record<string, unknown>): CallResult { return this.flags.setAttributes(attributes); }
  onFeaturesChange(listener: () => void): () => void { return this.flags.onChange(listener); }
  recommend(request?: RecommendRequest): RecommendedItem[] { return this.recs.recommend(request); }
  antiFlicker(selector?: string, timeoutMs?: number): () => void { return antiFlicker(selector, timeoutMs); }

  // --- engagement metrics (metrics.ts, autocapture.ts) ----------------------------------------
  metrics(): EngageMetrics | null { return this.engagementMetrics.metrics(); }
  on(name: EngagementEventName, listener: (event: EngagementEvent) => void): void { this.engagementMetrics.on(name, listener); }
  off(name: EngagementEventName, listener?: (event: EngagementEvent) => void): void { this.engagementMetrics.off(name, listener); }

  // --- extension points for feature modules (experiments, metrics, recommendations, consent) ----

  /** Runs one command now, after everything buffered; its result, or null before the core is ready. */
  command(command: Record<string, unknown>): Record<string, unknown> | null {
    return this.query(JSON.stringify(command));
  }

  /** Buffers a command that needs no answer; it runs in order with the calls around it. */
  send(command: Record<string, unknown>): void {
    this.guard(() => {
      this.pending.push(JSON.stringify(command));
      this.scheduleFlush();
      return OK;
    });
  }

  /** Calls `fn` once the core runs (at once if it does). */
  whenReady(fn: () => void): void {
    this.readyPromise.then(() => this.guard(() => { fn(); return OK; }));
  }

  /** Whether calls are buffered that the core has not seen yet (a memoised read may be stale). */
  hasPending(): boolean {
    return this.pending.length > 0;
  }

  /** Calls `fn` after every crossing with the commands it carried (JSON text, in order). */
  observe(fn: (commands: readonly string[]) => void): void {
    this.observers.push(fn);
  }

  /** Tests only: makes the wasm instance trap, as a real abort would, and recovers from it. */
  debugAbort(): void {
    if (!this.core?.debugAbort) return;
    try { this.core.debugAbort(); } catch (error) { this.coreDied([], error); }
  }

  /** The options given to init(), or null before. */
  initOptions(): EngageOptions | null {
    return this.options;
  }

  // --- internals -------------------------------------------------------------------------------

  /** Runs one read command after everything buffered; null before the core is ready. */
  private query(command: string): Record<string, unknown> | null {
    let answer: Record<string, unknown> | null = null;
    this.guard(() => {
      if (!this.core) return OK;
      this.pending.push(command);
      const results = this.drain();
      const last = results[results.length - 1] as Record<string, unknown> | undefined;
      answer = last && last.ok ? last : null;
      return OK;
    });
    return answer;
  }

  private runNow(command: string): void {
    this.pending.push(command);
    this.drain();
  }

  private enqueue(head: string): CallResult {
    // The messageId is made here, at call time, so a call replayed after a reload stays one event.
    this.pending.push(`${head},"messageId":"${uuid()}","ts":${this.callTs ?? Date.now()}}`);
    this.scheduleFlush();
    return OK;
  }

  /** The page context crosses once per page view; the core stamps it on every later event. */
  private refreshContext(referrer: string): void {
    this.contextCommand = `{"op":"context","context":${JSON.stringify(pageContext(referrer))}}`;
    this.pending.push(this.contextCommand);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.fallback) { this.fallback.take(this.pending.splice(0)); return; }
    if (this.flushScheduled || !this.core) return;
    this.flushScheduled = true;
    queueMicrotask(() => {
      this.flushScheduled = false;
      this.guard(() => { this.drain(); return OK; });
    });
  }

  /** One crossing: every buffered command, then the core's next wake-up. */
  private drain(): Array<Record<string, unknown>> {
    if (!this.core || this.pending.length === 0) return [];
    const commands = this.pending;
    this.pending = [];
    let output: string;
    try {
      output = this.core.run(`[${commands.join(',')}]`);
    } catch (error) {
      this.coreDied(commands, error);
      return [];
    }
    const results = JSON.parse(output) as Array<{ ok: boolean; error?: EngageError; anonymousId?: string; config?: { limits?: EngageLimits } }>;
    for (const result of results) {
      if (!result.ok && result.error) this.warn(result.error);
      if (result.anonymousId) this.identity.anonymousId = result.anonymousId;
      if (result.config?.limits) this.limits = { ...DEFAULT_LIMITS, ...result.config.limits };
    }
    for (const observer of this.observers) observer(commands);
    this.schedule(this.core.tick());
    return results as Array<Record<string, unknown>>;
  }

  private schedule(ms: number): void {
    if (ms < 0) return;
    const at = Date.now() + ms;
    if (this.timer !== null && at >= this.timerAt) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerAt = Infinity;
      this.guard(() => {
        if (this.core) this.schedule(this.core.tick());
        return OK;
      });
    }, ms);
  }

  private onSent = (outcome: SendOutcome): void => {
    this.guard(() => {
      if (!this.core) return OK;
      this.core.sendResult(outcome.batchId, outcome.status, outcome.retryAfterMs);
      this.schedule(this.core.tick());
      return OK;
    });
  };

  private start(wasmUrl: string): void {
    const storage = browserStorage();
    const host: CoreHost = {
      wallMs: () => Date.now(),
      monotonicMs: () => performance.now(),
      get: storage.get,
      set: storage.set,
      remove: storage.remove,
      send: fetchTransport(this.onSent),
      random: randomU32,
      log: (level, message) => this.log(level, message),
    };
    this.host = host;
    this.wasmUrl = wasmUrl;
    if (typeof WebAssembly !== 'object') { this.useFallback('WebAssembly is not available in this browser'); return; }
    const lockName = `${this.prefix}tab-`;
    Promise.all([this.loadCore(host, wasmUrl), holdTabLock(lockName + this.tabId)]).then(
      ([core]) => {
        this.core = core;
        this.guard(() => { this.restoreEarlyCalls(storage); this.drain(); return OK; });
        this.resolveReady();
        this.adoptDeadTabs(lockName);
        watchLifecycle({
          hidden: () => this.guard(() => { this.runNow('{"op":"flush"}'); return OK; }),
          pageHide: () => this.guard(() => { this.runNow('{"op":"pagehide"}'); return OK; }),
          pageShow: () => this.guard(() => { this.runNow('{"op":"pageshow"}'); this.adoptDeadTabs(lockName); return OK; }),
          online: (on) => this.guard(() => { this.runNow(`{"op":"online","online":${on}}`); return OK; }),
        });
      },
      (error) => this.useFallback(`the WebAssembly core could not start (${String(error)})`),
    );
  }

  /**
   * The wasm instance aborted (a trap, memory exhausted): it is dead. The calls it was running go
   * back to the front of the buffer (their messageIds make a second run idempotent), the queue it
   * wrote through is in storage, and a new instance takes over. A call that kills two instances in
   * a row is dropped, counted in the warning.
   */
  private coreDied(commands: string[], error: unknown): void {
    this.core = null;
    this.restarts++;
    this.log(2, `engage: the WebAssembly core stopped (${String(error)}); starting a new one`);
    const configure = this.configureCommand();
    const calls = commands.filter((c) => !c.startsWith('{"op":"configure"'));
    if (this.restarts > 1 && calls.length === 1) calls.pop();
    if (this.restarts > 3) { this.pending = [...calls, ...this.pending]; this.useFallback('the WebAssembly core keeps stopping'); return; }
    // A new instance knows nothing: configure it and give it the page context before the calls.
    this.pending = [configure, ...(this.contextCommand ? [this.contextCommand] : []), ...calls, ...this.pending];
    this.loadCore(this.host!, this.wasmUrl).then(
      (core) => { this.core = core; this.guard(() => { this.drain(); return OK; }); },
      (e) => this.useFallback(`the WebAssembly core could not restart (${String(e)})`),
    );
  }

  private configureCommand(): string {
    return this.configureJson;
  }

  /** Says so once, then delivers raw events through the minimal JS queue. */
  private useFallback(reason: string): void {
    if (this.fallback) return;
    this.log(2, `engage: ${reason}; events go through the minimal fallback queue`);
    const options = this.options ?? {};
    const endpoint = resolveEndpoint(options.endpoint);
    const optIn = options.consent?.model === 'opt-in';
    this.fallback = new FallbackQueue(endpoint, options.writeKey ?? '', !optIn);
    this.fallback.take(this.pending.splice(0));
    this.resolveReady();
  }

  private earlyKey(): string {
    return `${this.prefix}early.${this.tabId}`;
  }

  /** Page hidden before the core ran: the buffered calls (not configure) go to storage as they are. */
  private saveEarlyCalls(): void {
    // Opt-in or cookieless: nothing may be written before the core says so.
    const consent = this.options?.consent;
    if (consent?.model === 'opt-in' || consent?.cookieless) return;
    const calls = this.pending.filter((c) => !c.startsWith('{"op":"configure"'));
    if (calls.length === 0) return;
    try { window.localStorage.setItem(this.earlyKey(), `[${calls.join(',')}]`); } catch { /* nowhere to keep them */ }
  }

  /** Calls saved by earlier pages run first (after configure); their messageIds make a replay idempotent. */
  private restoreEarlyCalls(storage: ReturnType<typeof browserStorage>): void {
    let ls: Storage;
    try { ls = window.localStorage; } catch { return; }
    const keys: string[] = [];
    for (let i = 0; i < ls.length; i++) {
      const key = ls.key(i);
      if (key && key.startsWith(`${this.prefix}early.`)) keys.push(key);
    }
    const restored: string[] = [];
    for (const key of keys) {
      const text = storage.get(key);
      storage.remove(key);
      try {
        const calls = JSON.parse(text ?? '[]');
        if (Array.isArray(calls)) for (const c of calls) if (c && typeof c === 'object' && typeof c.op === 'string' && c.op !== 'configure') restored.push(JSON.stringify(c));
      } catch { /* not ours */ }
    }
    if (restored.length === 0) return;
    const at = this.pending.length > 0 && this.pending[0].startsWith('{"op":"configure"') ? 1 : 0;
    this.pending.splice(at, 0, ...restored);
  }

  /** Takes over the queues of tabs that no longer hold their Web Lock (closed, crashed). */
  private adoptDeadTabs(lockName: string): void {
    liveTabs(lockName).then((live) => {
      if (!live) return; // without Web Locks the core's heartbeat lease decides
      withOriginLock(`${this.prefix}adopt`, () =>
        this.guard(() => { this.runNow(JSON.stringify({ op: 'adopt', live })); return OK; }));
    }).catch(() => undefined);
  }

  private fail(error: EngageError): CallResult {
    this.warn(error);
    return { ok: false, error };
  }

  private warn(error: EngageError): void {
    this.log(2, `engage: ${error.message} (${error.code})`);
  }

  /** Every public entry point runs inside this: an unexpected failure becomes an error value. */
  private guard(body: () => CallResult): CallResult {
    try {
      return body();
    } catch (error) {
      return this.fail({ code: 'internal_error', message: `unexpected failure: ${String(error)}` });
    }
  }
}

export function autocapturePageviews(options: EngageOptions): boolean {
  const a = options.autocapture;
  if (a === undefined || a === true) return true;
  if (a === false) return false;
  return a.pageviews !== false;
}

function resolveEndpoint(endpoint: string | undefined): string {
  try {
    return new URL(endpoint ?? '/v1/batch', window.location.href).href;
  } catch {
    return endpoint ?? '/v1/batch';
  }
}
