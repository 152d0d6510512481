import type { Locale } from '@notta/shared';

/** A date and time as people read it in `locale`, e.g. "12 Mar 2026, 14:05" or "2026/03/12 14:05". */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(date);
}
