import { formatLocalized, type Locale, type Localized } from '@notta/shared';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { detectLocale, LOCALE_STORAGE_KEY, parseStoredLocale, storeLocale } from './detect';
import { en, type MessageKey } from './en';
import { ja } from './ja';

/** The `{name}` placeholders of an English text, as a union of names (never when there are none). */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | Placeholders<Rest>
  : never;

export type MessageParams<K extends MessageKey> = Record<Placeholders<(typeof en)[K]>, string | number>;

/** `t('key')` for texts without placeholders; `t('key', { name })` where the English text has `{name}`. */
export type Translate = <K extends MessageKey>(
  key: K,
  ...params: [Placeholders<(typeof en)[K]>] extends [never] ? [] : [params: MessageParams<K>]
) => string;

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  /** `t` for a key chosen at run time (from a table of keys), with whatever placeholders it has. */
  text: (key: MessageKey, params?: Readonly<Record<string, string | number>>) => string;
  /** Picks the current language's text of a shared `Localized` value, such as a catalogue error's cause. */
  localize: (value: Localized) => string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(detectLocale);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  // A choice made in another tab applies here too.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key !== LOCALE_STORAGE_KEY) return;
      const next = parseStoredLocale(event.newValue);
      if (next) setLocaleState(next);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const value = useMemo<I18n>(() => {
    const t = ((key: MessageKey, params?: Readonly<Record<string, string | number>>) => {
      const text: Localized = { en: en[key], ja: ja[key] };
      return (params ? formatLocalized(text, params) : text)[locale];
    }) as Translate;
    return { locale, setLocale, t, text: t as I18n['text'], localize: (text) => text[locale] };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** The current language, its `t(key, params?)`, `localize(localized)` and `setLocale`. */
export function useT(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useT() must be called inside <I18nProvider>.');
  return i18n;
}
