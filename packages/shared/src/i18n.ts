/** The languages every user-facing text ships in. Kintone's home market is Japan, so `ja` is first-class. */
export const locales = ['en', 'ja'] as const;
export type Locale = (typeof locales)[number];

/** A user-facing text in every supported language. */
export type Localized = Readonly<Record<Locale, string>>;

export const defaultLocale: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/**
 * Picks the first supported language from a preference list such as `navigator.languages`
 * or an `Accept-Language` header's tags: `ja-JP` counts as `ja`, `en-US` as `en`.
 */
export function resolveLocale(preferences: readonly string[] | undefined | null): Locale {
  for (const tag of preferences ?? []) {
    const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
    if (isLocale(primary)) return primary;
  }
  return defaultLocale;
}

/** Replaces `{name}` placeholders in every language of a text. */
export function formatLocalized(
  text: Localized,
  params: Readonly<Record<string, string | number>>,
): Localized {
  const fill = (s: string) =>
    s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
  return { en: fill(text.en), ja: fill(text.ja) };
}
