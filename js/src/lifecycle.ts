// Page lifecycle signals for delivery. Hidden: send what waits now (fetch keepalive survives the
// page). Page hide: hand the rest to sendBeacon within the browsers' budget and free the tab's
// queue for the next load. Back from the back/forward cache: resume. Online/offline: hold or go.
// No `unload` handler (it would disable the back/forward cache).

export interface LifecycleHandlers {
  hidden(): void;
  pageHide(): void;
  pageShow(): void;
  online(isOnline: boolean): void;
}

export function watchLifecycle(h: LifecycleHandlers): void {
  const guard = (fn: () => void) => () => {
    try { fn(); } catch { /* lifecycle handlers never break the page */ }
  };
  document.addEventListener('visibilitychange', guard(() => {
    if (document.visibilityState === 'hidden') h.hidden();
  }));
  window.addEventListener('pagehide', guard(() => h.pageHide()));
  window.addEventListener('pageshow', (event) => {
    if ((event as PageTransitionEvent).persisted) guard(() => h.pageShow())();
  });
  window.addEventListener('online', guard(() => h.online(true)));
  window.addEventListener('offline', guard(() => h.online(false)));
}

/** Web Locks: each tab holds a lock named after its id for as long as it lives. */
export function holdTabLock(name: string): Promise<void> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return Promise.resolve();
  return new Promise((granted) => {
    locks.request(name, () => {
      granted();
      return new Promise(() => undefined); // held until the page goes away
    }).catch(() => granted());
  });
}

/** Ids of the tabs alive now (holding their lock), or null without Web Locks. */
export async function liveTabs(prefix: string): Promise<string[] | null> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return null;
  const state = await locks.query();
  return (state.held ?? [])
    .map((lock) => lock.name ?? '')
    .filter((name) => name.startsWith(prefix))
    .map((name) => name.slice(prefix.length));
}

/** Runs `fn` while holding an origin-wide lock (so two tabs never adopt the same queue at once). */
export function withOriginLock(name: string, fn: () => void): void {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) { fn(); return; }
  locks.request(name, () => fn()).catch(() => undefined);
}
