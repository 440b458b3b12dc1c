// Feature flags and experiments in the page (issue 5). The core evaluates (GrowthBook-compatible,
// deterministic) and decides exposures; this side keeps every answer in a memo keyed by feature
// key, so a repeated engage.feature() is a Map lookup instead of a crossing into wasm. The memo is
// dropped whenever something the answer depends on may have changed: a crossing that carried
// features, attributes, the page context (URL, for `?key=N`), identity or consent; and a read is
// never served from it while calls the core has not seen yet are buffered. Exposure events stay
// exactly once: the core logs a first exposure on the evaluation that makes it, and a cached
// answer is only ever a later read of the same assignment.
import type { EngageClient } from './client';
import type { CallResult, ExperimentAssignment, ExperimentDefinition, FeatureResult, FeaturesApi, FeaturesPayload } from './types';

/** Every default of the JS side of experiments. */
export const EXPERIMENT_DEFAULTS = Object.freeze({
  /** features.load(url): give up after this long. */
  loadTimeoutMs: 5000,
  /** antiFlicker(): reveal after this long at the latest ... */
  antiFlickerMs: 300,
  /** ... and never later than this, whatever the page asks. */
  antiFlickerMaxMs: 1000,
  /** The style element that hides changing elements (the README's inline snippet uses the same id). */
  antiFlickerStyleId: 'engage-anti-flicker',
});

/** What engage.feature() answers before the core runs (and for a non-string key). */
export const UNKNOWN_FEATURE: FeatureResult = Object.freeze({ on: false, off: true, value: null, source: 'unknown', ruleId: '' });

// Ops after which a memoised answer may be wrong: features, attributes, the page (URL), the
// visitor's ids (the id attribute) and consent (experiments may be switched off).
const INVALIDATING = /^\{"op":"(?:configure|features|attributes|context|identify|alias|reset|consent|consentMode|tcf|gpc|consentForget)"/;

type Listener = () => void;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value as Record<string, unknown>)) deepFreeze(inner);
  }
  return value;
}

export class Experiments {
  private features = new Map<string, FeatureResult>();
  private experiments = new Map<string, ExperimentAssignment>();
  private listeners = new Set<Listener>();
  private loaded = false;
  private notifyScheduled = false;
  readonly api: FeaturesApi;

  constructor(private readonly client: EngageClient) {
    client.observe((commands) => this.onCrossing(commands));
    this.api = Object.freeze({
      load: (source: string | FeaturesPayload, options?: { timeoutMs?: number }) => this.load(source, options),
    });
  }

  feature(key: string): FeatureResult {
    const known = this.features.get(key);
    if (known !== undefined && !this.client.hasPending()) return known;
    if (typeof key !== 'string') return UNKNOWN_FEATURE;
    const r = this.client.command({ op: 'feature', key });
    if (!r) return UNKNOWN_FEATURE;
    const result: FeatureResult = { on: r.on === true, off: r.on !== true, value: r.value ?? null, source: String(r.source) as FeatureResult['source'], ruleId: String(r.ruleId ?? '') };
    const ran = r.experimentResult as Record<string, unknown> | undefined;
    if (ran) result.experiment = { key: String(ran.key), variationId: Number(ran.variationId), inExperiment: ran.inExperiment === true };
    deepFreeze(result);
    this.features.set(key, result);
    return result;
  }

  experiment(experiment: string | ExperimentDefinition): ExperimentAssignment {
    let memoKey: string;
    let command: Record<string, unknown>;
    if (typeof experiment === 'string') {
      memoKey = `k${experiment}`;
      command = { op: 'experiment', key: experiment };
    } else {
      try { memoKey = `d${JSON.stringify(experiment)}`; } catch { return notInExperiment(experiment); }
      command = { op: 'experiment', definition: experiment };
    }
    const known = this.experiments.get(memoKey);
    if (known !== undefined && !this.client.hasPending()) return known;
    const r = this.client.command(command);
    if (!r) return notInExperiment(experiment);
    const result: ExperimentAssignment = deepFreeze({
      inExperiment: r.inExperiment === true,
      variationId: Number(r.variationId ?? 0),
      value: r.value ?? null,
      key: String(r.key ?? '0'),
      hashUsed: r.hashUsed === true,
    });
    this.experiments.set(memoKey, result);
    return result;
  }

  setAttributes(attributes: Record<string, unknown>): CallResult {
    if (!attributes || typeof attributes !== 'object' || Array.isArray(attributes)) {
      return { ok: false, error: { code: 'invalid_attributes', message: 'attributes must be an object' } };
    }
    try { JSON.stringify(attributes); } catch (e) {
      return { ok: false, error: { code: 'invalid_attributes', message: `attributes are not JSON: ${String(e)}` } };
    }
    this.client.send({ op: 'attributes', attributes });
    return { ok: true };
  }

  onChange(listener: Listener): () => void {
    if (typeof listener === 'function') this.listeners.add(listener);
    return () => { this.listeners.delete(listener); };
  }

  /** Features inline ({features, savedGroups?, ...}, GrowthBook's SDK payload) or from a URL. */
  private async load(source: string | FeaturesPayload, options: { timeoutMs?: number } = {}): Promise<CallResult> {
    let payload: unknown = source;
    if (typeof source === 'string') {
      const fetched = await fetchPayload(source, options.timeoutMs ?? EXPERIMENT_DEFAULTS.loadTimeoutMs);
      if (!fetched.ok) return fetched;
      payload = fetched.payload;
    }
    await this.client.ready();
    const answer = this.client.command({ op: 'features', payload });
    if (answer) return { ok: true };
    return { ok: false, error: { code: 'invalid_features', message: 'the features payload was rejected (see the console)' } };
  }

  private onCrossing(commands: readonly string[]): void {
    if (!commands.some((c) => INVALIDATING.test(c))) return;
    this.features.clear();
    this.experiments.clear();
    if (commands.some((c) => c.startsWith('{"op":"features"'))) this.loaded = true;
    if (!this.loaded || this.listeners.size === 0 || this.notifyScheduled) return;
    // After the crossing, not inside it: a listener may read features at once.
    this.notifyScheduled = true;
    queueMicrotask(() => {
      this.notifyScheduled = false;
      for (const listener of [...this.listeners]) {
        try { listener(); } catch { /* a page's listener must not break the others */ }
      }
    });
  }
}

function notInExperiment(experiment: string | ExperimentDefinition): ExperimentAssignment {
  const variations = typeof experiment === 'object' && experiment && Array.isArray(experiment.variations) ? experiment.variations : [];
  return { inExperiment: false, variationId: 0, value: variations.length ? variations[0] : null, key: '0', hashUsed: false };
}

async function fetchPayload(url: string, timeoutMs: number): Promise<{ ok: true; payload: unknown } | { ok: false; error: { code: string; message: string } }> {
  const abort = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = setTimeout(() => abort?.abort(), timeoutMs);
  try {
    const response = await fetch(url, { credentials: 'same-origin', signal: abort?.signal });
    if (!response.ok) return { ok: false, error: { code: 'features_unavailable', message: `GET ${url} answered ${response.status}` } };
    return { ok: true, payload: await response.json() };
  } catch (e) {
    return { ok: false, error: { code: 'features_unavailable', message: `GET ${url} failed: ${String(e)}` } };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Hides the elements an experiment changes until the page reveals them, and never longer than
 * `timeoutMs` (default 300, at most 1000). Returns reveal(). If the README's inline snippet already
 * hid them, this takes over its style element (the page's own bound still applies).
 */
export function antiFlicker(selector = '[data-engage-hide]', timeoutMs: number = EXPERIMENT_DEFAULTS.antiFlickerMs): () => void {
  if (typeof document === 'undefined') return () => undefined;
  const bound = Math.max(0, Math.min(Number.isFinite(timeoutMs) ? timeoutMs : EXPERIMENT_DEFAULTS.antiFlickerMs, EXPERIMENT_DEFAULTS.antiFlickerMaxMs));
  const id = EXPERIMENT_DEFAULTS.antiFlickerStyleId;
  let style = document.getElementById(id);
  if (!style) {
    style = document.createElement('style');
    style.id = id;
    style.textContent = `${selector}{visibility:hidden!important}`;
    (document.head ?? document.documentElement).appendChild(style);
  }
  const hiding = style;
  const reveal = () => { clearTimeout(timer); hiding.remove(); };
  const timer = setTimeout(reveal, bound);
  return reveal;
}
