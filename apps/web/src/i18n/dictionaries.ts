import type { Locale } from '@notta/shared';
import { en, type MessageKey } from './en';
import { ja } from './ja';

/** Every dictionary by language. To add a text: add its key to `en.ts`, then `ja.ts` (the compiler insists). */
export const dictionaries: Record<Locale, Record<MessageKey, string>> = { en, ja };

/** Each language's name in that language, as the language switcher shows it. */
export const localeNames: Record<Locale, string> = { en: 'English', ja: '日本語' };
