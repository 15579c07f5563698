/**
 * The app's own origin. Everything the window shows comes from here (a custom protocol serving the built renderer),
 * so "trusted" is one exact origin, not a list of patterns that could be widened by accident.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ptdv';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/`;

/**
 * Sites the user may be sent to in their own browser. Empty on purpose: ptdv works offline and shows no outside
 * links; add an exact https origin here only together with the screen that links to it.
 */
export const EXTERNAL_ALLOW_LIST: readonly string[] = [];

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for pages of the app itself (`app://ptdv/…`), never with credentials or a port smuggled in. */
export function isTrustedUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.hostname.toLowerCase() === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** True for an https URL whose origin is on the allow-list; everything else stays inside or is dropped. */
export function isAllowedExternalUrl(url: string, allowList: readonly string[] = EXTERNAL_ALLOW_LIST): boolean {
  const parsed = parse(url);
  return parsed !== null && parsed.protocol === 'https:' && allowList.includes(parsed.origin);
}
