import { type CatalogueEntry, errorCatalogue } from './catalogue.js';

/**
 * The messages Kintone's own screens show when setup is wrong, with the catalogue entry that explains
 * each. English only: the Japanese wording of these screens is not documented anywhere we could check,
 * and a guessed string would silently never match.
 */
export const kintoneScreenMessages = (
  ['KINTONE_OAUTH_NOT_PERMITTED', 'KINTONE_REDIRECT_URI_INVALID', 'KINTONE_ACCESS_FORBIDDEN'] as const
).map((code) => ({ code, message: errorCatalogue[code].kintoneMessage }));

export type KintoneScreenMessage = (typeof kintoneScreenMessages)[number];

/**
 * Words only, lower case, single spaces, padded: so case, line breaks, curly quotes and punctuation in a
 * copied page do not matter, and a match always falls on word boundaries.
 */
function normalize(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, ' ')
    .trim()} `;
}

// The first sentence is what identifies each message; pasted pages often lose or reflow the rest.
const matchers = kintoneScreenMessages.map(({ code, message }) => ({
  code,
  needle: normalize(message.split('. ')[0] ?? message),
}));

/**
 * Recognises a Kintone screen message in whatever the user pasted (one line or a whole copied page)
 * and returns the catalogue entry that explains it. When several appear, the first one in the text wins.
 */
export function matchKintoneMessage(pasted: string): CatalogueEntry | undefined {
  const haystack = normalize(typeof pasted === 'string' ? pasted : '');
  let best: { code: KintoneScreenMessage['code']; at: number } | undefined;
  for (const { code, needle } of matchers) {
    const at = haystack.indexOf(needle);
    if (at !== -1 && (best === undefined || at < best.at)) best = { code, at };
  }
  return best && errorCatalogue[best.code];
}
