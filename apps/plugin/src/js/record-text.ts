/**
 * Turning a record's field values into plain text for the Notta panel. Nothing here ever produces HTML:
 * rich text is parsed into an inert document (DOMParser: no scripts run, no images load) and only its
 * text is kept.
 */

const BLOCK = new Set([
  'ADDRESS',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'HR',
  'LI',
  'OL',
  'P',
  'PRE',
  'TABLE',
  'TR',
  'UL',
]);
const SKIP = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'IFRAME', 'OBJECT', 'HEAD', 'TITLE']);

/** The text of a Kintone rich text value, with line breaks where blocks and <br>s were. */
export function richTextToPlain(html: string, parser: DOMParser = new DOMParser()): string {
  if (!/[<&]/.test(html)) return html.trim();
  const doc = parser.parseFromString(html, 'text/html');
  const out: string[] = [];
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) out.push(child.nodeValue ?? '');
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (SKIP.has(tag)) continue;
        if (tag === 'BR') out.push('\n');
        else if (BLOCK.has(tag)) {
          out.push('\n');
          walk(child);
          out.push('\n');
        } else walk(child);
      }
    }
  };
  walk(doc.body ?? doc);
  return out
    .join('')
    .replace(/[ \t\u00a0]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Non-empty, trimmed lines; list bullets ("- ", "* ", "・", "•", "1. ") removed. */
export function listLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .trim()
        .replace(/^(?:[-*•・●]\s*|\d{1,3}[.)]\s+)/, '')
        .trim(),
    )
    .filter((line) => line !== '');
}

export interface TranscriptLine {
  readonly time: string | null;
  readonly speaker: string | null;
  readonly text: string;
}

// [hh:mm:ss] Speaker: text — also [mm:ss], and the full-width colon of Japanese text.
const LINE = /^\[(\d{1,2}:\d{2}(?::\d{2})?)\]\s*(?:([^:：\n]{1,80}?)\s*[:：]\s*)?(.*)$/;

export function parseTranscript(text: string): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const m = LINE.exec(line);
    if (m) lines.push({ time: m[1] ?? null, speaker: m[2]?.trim() || null, text: m[3] ?? '' });
    else lines.push({ time: null, speaker: null, text: line });
  }
  return lines;
}

/** Where `query` occurs in `text`, ignoring case where that keeps indexes aligned. */
export function findMatches(text: string, query: string): number[] {
  if (query === '') return [];
  let hay = text;
  let needle = query;
  const lowerHay = text.toLowerCase();
  const lowerNeedle = query.toLowerCase();
  if (lowerHay.length === text.length && lowerNeedle.length === query.length) {
    hay = lowerHay;
    needle = lowerNeedle;
  }
  const found: number[] = [];
  for (let i = hay.indexOf(needle); i !== -1; i = hay.indexOf(needle, i + needle.length)) found.push(i);
  return found;
}

/** The URL only if it is http or https (Secure Coding Guidelines: never output other schemes as links). */
export function safeHttpUrl(value: string): string | null {
  const text = value.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
