// Page views on load and on single-page-app route changes (pushState, replaceState, popstate,
// hashchange), one per distinct URL: two signals for the same navigation give one page view.

export function watchRouteChanges(onRoute: (previousUrl: string) => void): () => void {
  let lastUrl = window.location.href;
  const check = () => {
    const url = window.location.href;
    if (url === lastUrl) return;
    const previous = lastUrl;
    lastUrl = url;
    onRoute(previous);
  };
  const history = window.history;
  const originals = { pushState: history.pushState, replaceState: history.replaceState };
  const wrap = (name: 'pushState' | 'replaceState') =>
    function (this: History, ...args: Parameters<History['pushState']>) {
      const result = originals[name].apply(this, args);
      try { check(); } catch { /* never break navigation */ }
      return result;
    };
  history.pushState = wrap('pushState');
  history.replaceState = wrap('replaceState');
  window.addEventListener('popstate', check);
  window.addEventListener('hashchange', check);
  return () => {
    history.pushState = originals.pushState;
    history.replaceState = originals.replaceState;
    window.removeEventListener('popstate', check);
    window.removeEventListener('hashchange', check);
  };
}
