import { type Locale, locales, resolveLocale } from '@notta/shared';

/** Where the user's explicit language choice is remembered. */
export const LOCALE_STORAGE_KEY = 'notta.locale';

/** A stored value, if it names a supported language. */
export function parseStoredLocale(value: string | null): Locale | null {
  return value !== null && (locales as readonly string[]).includes(value) ? (value as Locale) : null;
}

/** The stored choice, or null when none is stored, it is not a supported language, or storage is blocked. */
export function readStoredLocale(): Locale | null {
  try {
    return parseStoredLocale(window.localStorage.getItem(LOCALE_STORAGE_KEY));
  } catch {
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // Storage can be blocked (private mode, policies): the choice then lasts for this page only.
  }
}

/** The browser's language preferences, best first. */
function browserLanguages(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  if (navigator.languages?.length) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

/** A stored choice wins; otherwise the first supported language the browser asks for; otherwise English. */
export function detectLocale(): Locale {
  return readStoredLocale() ?? resolveLocale(browserLanguages());
}
