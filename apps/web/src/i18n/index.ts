export { detectLocale, LOCALE_STORAGE_KEY } from './detect';
export { dictionaries, localeNames } from './dictionaries';
export type { MessageKey } from './en';
export { formatDateTime } from './formatDate';
export { type I18n, I18nProvider, type Translate, useT } from './I18nProvider';
export { LocalizedText } from './LocalizedText';
