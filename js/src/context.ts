// What the page knows about itself, stamped on every event as `context`. Read once per page view
// and cached as a JSON string, so track() does not re-read the DOM.

const CAMPAIGN_KEYS: Record<string, string> = {
  utm_source: 'source',
  utm_medium: 'medium',
  utm_campaign: 'name',
  utm_term: 'term',
  utm_content: 'content',
};

let timezone: string | undefined;

/** The context of the current page, or of another page given by its URL and title. */
export function pageContext(referrer: string, url?: string, title?: string): Record<string, unknown> {
  let loc: { href: string; pathname: string; search: string } = window.location;
  if (url !== undefined) {
    try { loc = new URL(url); } catch { loc = { href: url, pathname: '', search: '' }; }
  }
  const context: Record<string, unknown> = {
    page: {
      url: loc.href,
      path: loc.pathname,
      search: loc.search,
      title: title ?? document.title,
      referrer,
    },
    locale: navigator.language,
    userAgent: navigator.userAgent,
    screen: { width: screen.width, height: screen.height, density: window.devicePixelRatio || 1 },
  };
  if (timezone === undefined) {
    try {
      timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || '';
    } catch {
      timezone = '';
    }
  }
  if (timezone) context.timezone = timezone;
  const campaign = campaignFrom(loc.search);
  if (campaign) context.campaign = campaign;
  return context;
}

export function campaignFrom(search: string): Record<string, string> | null {
  if (!search) return null;
  let campaign: Record<string, string> | null = null;
  new URLSearchParams(search).forEach((value, key) => {
    const name = CAMPAIGN_KEYS[key.toLowerCase()];
    if (name && value) (campaign ??= {})[name] = value;
  });
  return campaign;
}
