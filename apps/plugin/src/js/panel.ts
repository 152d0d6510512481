/**
 * The Notta panel on record pages (desktop and mobile) and the health badge on the record list.
 *
 * Everything is built with createElement and text nodes: record data never goes through innerHTML, and
 * only http(s) URLs ever become links. The panel shows the record's own field values (event.record), so
 * Kintone's permissions decide who sees what.
 */
import type { MeetingField } from '@notta/shared';
import { type I18n, i18nFor, timeZoneOf } from './i18n';
import type { DesktopKintone, MobileKintone } from './kintone-api';
import {
  type AppHealth,
  callNotta,
  healthProblem,
  type NottaProblem,
  type ProxyApi,
  readHealth,
  unreachable,
} from './notta-api';
import { type ConfigState, type PluginConfig, readPluginConfig } from './plugin-config';
import {
  findMatches,
  listLines,
  parseTranscript,
  richTextToPlain,
  safeHttpUrl,
  type TranscriptLine,
} from './record-text';

export const PANEL_CLASS = 'notta-panel';
export const BADGE_CLASS = 'notta-badge';

export type PanelVariant = 'desktop' | 'mobile';

/** A record as event.record gives it: field code → { type, value }. */
export type KintoneRecord = Readonly<Record<string, { type?: string; value?: unknown } | undefined>>;

type Props = { className?: string; text?: string; attrs?: Record<string, string> };

function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: Props = {},
  children: (Node | null | undefined)[] = [],
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  for (const [name, value] of Object.entries(props.attrs ?? {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}

// ── Record values ──────────────────────────────────────────────────────────────────────────────────────

export interface MeetingView {
  readonly title: string;
  readonly start: Date | null;
  readonly durationMinutes: number | null;
  readonly participants: string[];
  readonly summary: string;
  readonly actionItems: string[];
  readonly transcript: TranscriptLine[];
  /** The link if it is http(s); otherwise the raw text (shown as text), or ''. */
  readonly recordingUrl: string | null;
  readonly recordingText: string;
}

function rawValue(record: KintoneRecord, code: string | undefined): { type: string; text: string } {
  if (!code) return { type: '', text: '' };
  const field = record[code];
  const value = field?.value;
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
  return { type: field?.type ?? '', text };
}

function plainValue(record: KintoneRecord, code: string | undefined): string {
  const { type, text } = rawValue(record, code);
  return type === 'RICH_TEXT' ? richTextToPlain(text) : text.trim();
}

/** Reads the mapped fields of a record into what the panel shows. Missing or odd values become empty. */
export function meetingView(record: KintoneRecord, mapping: PluginConfig['mapping']): MeetingView {
  const get = (field: MeetingField) => plainValue(record, mapping[field]);
  const startText = get('start');
  const start = startText ? new Date(startText) : null;
  const durationText = get('duration');
  const duration = durationText === '' ? Number.NaN : Number(durationText);
  const participantsText = get('participants');
  const participants = participantsText.includes('\n')
    ? listLines(participantsText)
    : participantsText
        .split(/[,、，]/)
        .map((name) => name.trim())
        .filter((name) => name !== '');
  const recording = get('recordingUrl');
  return {
    title: get('title'),
    start: start && !Number.isNaN(start.getTime()) ? start : null,
    durationMinutes: Number.isFinite(duration) && duration >= 0 ? duration : null,
    participants,
    summary: get('summary'),
    actionItems: listLines(get('actionItems')),
    transcript: parseTranscript(get('transcript')),
    recordingUrl: safeHttpUrl(recording),
    recordingText: recording,
  };
}

function isEmpty(view: MeetingView): boolean {
  return (
    view.title === '' &&
    view.start === null &&
    view.durationMinutes === null &&
    view.participants.length === 0 &&
    view.summary === '' &&
    view.actionItems.length === 0 &&
    view.transcript.length === 0 &&
    view.recordingText === ''
  );
}

export function formatStart(date: Date, locale: string, timeZone: string | undefined): string {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(locale, timeZone ? { ...options, timeZone } : options).format(date);
  } catch {
    return new Intl.DateTimeFormat(locale, options).format(date);
  }
}

export function formatDuration(minutes: number, i18n: I18n): string {
  const total = Math.round(minutes);
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h > 0 ? i18n.t('hoursMinutes', { h: String(h), m: String(m) }) : i18n.t('minutes', { m: String(m) });
}

// ── Transcript with search ─────────────────────────────────────────────────────────────────────────────

/** Lines are rendered this many at a time ("Show more"), so very long transcripts stay fast. */
export const TRANSCRIPT_PAGE = 500;

/** Appends `text` to `parent` with every occurrence of `query` in a <mark>; returns how many. */
export function appendHighlighted(doc: Document, parent: Node, text: string, query: string): number {
  const starts = findMatches(text, query);
  let at = 0;
  for (const start of starts) {
    if (start > at) parent.appendChild(doc.createTextNode(text.slice(at, start)));
    parent.appendChild(el(doc, 'mark', { text: text.slice(start, start + query.length) }));
    at = start + query.length;
  }
  if (at < text.length) parent.appendChild(doc.createTextNode(text.slice(at)));
  return starts.length;
}

function countMatches(line: TranscriptLine, query: string): number {
  return findMatches(line.text, query).length + (line.speaker ? findMatches(line.speaker, query).length : 0);
}

function transcriptSection(doc: Document, lines: TranscriptLine[], i18n: I18n): HTMLElement {
  const details = el(doc, 'details', { className: `${PANEL_CLASS}__transcript` });
  const summary = el(doc, 'summary', {
    text: i18n.t('panelTranscript', { count: lines.length.toLocaleString(i18n.locale) }),
  });
  details.append(summary);
  let built = false;

  const build = () => {
    built = true;
    const search = el(doc, 'input', {
      className: `${PANEL_CLASS}__search`,
      attrs: { type: 'search', 'aria-label': i18n.t('panelSearch'), placeholder: i18n.t('panelSearch') },
    });
    const count = el(doc, 'span', { className: `${PANEL_CLASS}__count`, attrs: { role: 'status' } });
    const list = el(doc, 'ol', { className: `${PANEL_CLASS}__lines` });
    const more = el(doc, 'button', { className: `${PANEL_CLASS}__more`, attrs: { type: 'button' } });
    let limit = TRANSCRIPT_PAGE;

    const render = () => {
      const query = search.value.trim();
      let total = 0;
      let shown = lines;
      if (query !== '') {
        shown = [];
        for (const line of lines) {
          const n = countMatches(line, query);
          if (n > 0) {
            total += n;
            shown.push(line);
          }
        }
        count.textContent =
          total === 0
            ? i18n.t('panelNoMatches')
            : total === 1
              ? i18n.t('panelOneMatch')
              : i18n.t('panelMatches', { count: total.toLocaleString(i18n.locale) });
      } else {
        count.textContent = '';
      }
      const fragment = doc.createDocumentFragment();
      for (const line of shown.slice(0, limit)) {
        const item = el(doc, 'li', { className: `${PANEL_CLASS}__line` });
        if (line.time) item.append(el(doc, 'time', { className: `${PANEL_CLASS}__time`, text: line.time }));
        if (line.speaker) {
          const speaker = el(doc, 'span', { className: `${PANEL_CLASS}__speaker` });
          appendHighlighted(doc, speaker, line.speaker, query);
          item.append(speaker);
        }
        const text = el(doc, 'span', { className: `${PANEL_CLASS}__text` });
        appendHighlighted(doc, text, line.text, query);
        item.append(text);
        fragment.append(item);
      }
      list.replaceChildren(fragment);
      const rest = shown.length - Math.min(limit, shown.length);
      more.hidden = rest <= 0;
      more.textContent = i18n.t('panelShowMore', { count: rest.toLocaleString(i18n.locale) });
    };

    search.addEventListener('input', () => {
      limit = TRANSCRIPT_PAGE;
      render();
    });
    more.addEventListener('click', () => {
      limit += TRANSCRIPT_PAGE;
      render();
    });
    details.append(el(doc, 'div', { className: `${PANEL_CLASS}__searchbar` }, [search, count]), list, more);
    render();
  };

  // Built on first open: a collapsed transcript costs nothing however long it is.
  details.addEventListener('toggle', () => {
    if (details.open && !built) build();
  });
  return details;
}

// ── The panel ──────────────────────────────────────────────────────────────────────────────────────────

export interface PanelOptions {
  readonly state: ConfigState;
  readonly i18n: I18n;
  readonly variant: PanelVariant;
  readonly record?: KintoneRecord;
  readonly timeZone?: string | undefined;
}

function section(doc: Document, title: string, body: Node, modifier: string): HTMLElement {
  return el(doc, 'section', { className: `${PANEL_CLASS}__section ${PANEL_CLASS}__section--${modifier}` }, [
    el(doc, 'h3', { className: `${PANEL_CLASS}__heading`, text: title }),
    body,
  ]);
}

function meetingBody(doc: Document, view: MeetingView, options: PanelOptions): Node[] {
  const { i18n } = options;
  const nodes: Node[] = [];
  if (view.title) nodes.push(el(doc, 'p', { className: `${PANEL_CLASS}__meeting-title`, text: view.title }));
  const meta: string[] = [];
  if (view.start) meta.push(formatStart(view.start, i18n.locale, options.timeZone));
  if (view.durationMinutes !== null) meta.push(formatDuration(view.durationMinutes, i18n));
  if (meta.length > 0)
    nodes.push(el(doc, 'p', { className: `${PANEL_CLASS}__meta`, text: meta.join(' · ') }));
  if (view.participants.length > 0) {
    const list = el(doc, 'ul', { className: `${PANEL_CLASS}__participants` });
    for (const name of view.participants) list.append(el(doc, 'li', { text: name }));
    nodes.push(section(doc, i18n.t('panelParticipants'), list, 'participants'));
  }
  if (view.summary) {
    nodes.push(
      section(
        doc,
        i18n.t('panelSummary'),
        el(doc, 'p', { className: `${PANEL_CLASS}__summary`, text: view.summary }),
        'summary',
      ),
    );
  }
  if (view.actionItems.length > 0) {
    const list = el(doc, 'ul', { className: `${PANEL_CLASS}__actions` });
    for (const item of view.actionItems) list.append(el(doc, 'li', { text: item }));
    nodes.push(section(doc, i18n.t('panelActionItems'), list, 'actions'));
  }
  if (view.transcript.length > 0) nodes.push(transcriptSection(doc, view.transcript, i18n));
  if (view.recordingUrl) {
    const link = el(doc, 'a', {
      className: `${PANEL_CLASS}__open`,
      text: i18n.t('panelOpenInNotta'),
      attrs: { target: '_blank', rel: 'noopener noreferrer' },
    });
    link.href = view.recordingUrl;
    nodes.push(el(doc, 'p', {}, [link]));
  } else if (view.recordingText) {
    nodes.push(
      el(doc, 'p', {
        className: `${PANEL_CLASS}__recording-text`,
        text: `${i18n.t('panelRecording')}: ${view.recordingText}`,
      }),
    );
  }
  return nodes;
}

/**
 * Puts the Notta panel into `container`, replacing an earlier one (Kintone can fire the show event again
 * without rebuilding the page).
 */
export function renderRecordPanel(doc: Document, container: HTMLElement, options: PanelOptions): HTMLElement {
  for (const old of Array.from(container.getElementsByClassName(PANEL_CLASS))) old.remove();
  const { i18n, state } = options;

  const panel = el(doc, 'section', {
    className: `${PANEL_CLASS} ${PANEL_CLASS}--${options.variant}`,
    attrs: { 'aria-label': i18n.t('panelTitle') },
  });
  panel.lang = i18n.locale;
  panel.append(el(doc, 'strong', { className: `${PANEL_CLASS}__title`, text: i18n.t('panelTitle') }));

  if (state.kind !== 'configured') {
    panel.dataset.state = state.kind;
    panel.append(
      el(doc, 'span', {
        className: `${PANEL_CLASS}__message`,
        text: i18n.t(state.kind === 'invalid' ? 'panelInvalidConfig' : 'panelNotConfigured'),
      }),
    );
  } else {
    const view = meetingView(options.record ?? {}, state.config.mapping);
    if (isEmpty(view)) {
      panel.dataset.state = 'empty';
      panel.append(el(doc, 'span', { className: `${PANEL_CLASS}__message`, text: i18n.t('panelEmpty') }));
    } else {
      panel.dataset.state = 'meeting';
      panel.append(...meetingBody(doc, view, options));
    }
  }
  container.append(panel);
  return panel;
}

// ── Health (record list badge, and a notice on the panel) ──────────────────────────────────────────────

export const HEALTH_CACHE_MS = 60_000;

export type HealthOutcome = { ok: true; health: AppHealth } | { ok: false; problem: NottaProblem };

export interface HealthSource {
  readonly kintone: ProxyApi;
  readonly pluginId: string;
  readonly nottaUrl: string;
  readonly appId: number;
  readonly tenantBaseUrl: string;
  readonly storage?: Storage | null;
  readonly now?: () => number;
}

function cacheKey(source: HealthSource): string {
  return `notta-health:${source.pluginId}:${source.appId}:${source.nottaUrl}`;
}

/** The app's integration health through the plug-in proxy; successful answers are cached for 60 s. */
export async function fetchHealth(source: HealthSource): Promise<HealthOutcome> {
  const now = source.now ?? Date.now;
  const key = cacheKey(source);
  try {
    const cached = source.storage?.getItem(key);
    if (cached) {
      const { at, health } = JSON.parse(cached) as { at: number; health: unknown };
      const read = readHealth(health);
      if (read && typeof at === 'number' && now() - at >= 0 && now() - at < HEALTH_CACHE_MS) {
        return { ok: true, health: read };
      }
    }
  } catch {
    // Unreadable cache or storage: ask Notta.
  }
  const result = await callNotta(
    source.kintone,
    source.pluginId,
    source.nottaUrl,
    `apps/${source.appId}/health?tenantBaseUrl=${encodeURIComponent(source.tenantBaseUrl)}`,
    'GET',
  );
  if (!result.ok) return result;
  const health = readHealth(result.value);
  if (!health) return { ok: false, problem: unreachable(200, new URL(source.nottaUrl).host) };
  try {
    source.storage?.setItem(key, JSON.stringify({ at: now(), health }));
  } catch {
    // Storage full or blocked: no cache.
  }
  return { ok: true, health };
}

const STATUS_TEXT = {
  connected: 'badgeConnected',
  'needs-attention': 'badgeNeedsAttention',
  revoked: 'badgeRevoked',
  'not-linked': 'badgeNotLinked',
} as const;

/** The badge's look for an outcome (or 'checking' / 'not-configured'). */
export function renderBadge(
  doc: Document,
  container: HTMLElement,
  i18n: I18n,
  outcome: HealthOutcome | 'checking' | 'not-configured',
): HTMLElement {
  for (const old of Array.from(container.getElementsByClassName(BADGE_CLASS))) old.remove();
  let state: string;
  let label: string;
  let problem: NottaProblem | null = null;
  if (outcome === 'checking' || outcome === 'not-configured') {
    state = outcome;
    label = i18n.t(outcome === 'checking' ? 'badgeChecking' : 'badgeNotConfigured');
  } else if (outcome.ok) {
    state = outcome.health.status;
    label = i18n.t(STATUS_TEXT[outcome.health.status]);
    if (state !== 'connected') problem = healthProblem(outcome.health.code);
  } else {
    state = 'error';
    problem = outcome.problem;
    label = problem.title[i18n.locale];
  }
  const badge = el(doc, problem ? 'details' : 'div', {
    className: `${BADGE_CLASS} ${BADGE_CLASS}--${state}`,
  });
  badge.dataset.state = state;
  badge.lang = i18n.locale;
  const head = el(doc, problem ? 'summary' : 'span', { className: `${BADGE_CLASS}__head` }, [
    el(doc, 'span', { className: `${BADGE_CLASS}__dot`, attrs: { 'aria-hidden': 'true' } }),
    el(doc, 'span', { className: `${BADGE_CLASS}__name`, text: i18n.t('badgeLabel') }),
    el(doc, 'span', { className: `${BADGE_CLASS}__status`, text: label }),
  ]);
  badge.append(head);
  if (problem) {
    head.title = problem.cause[i18n.locale];
    badge.append(
      el(doc, 'div', { className: `${BADGE_CLASS}__detail` }, [
        state === 'error' ? null : el(doc, 'strong', { text: problem.title[i18n.locale] }),
        el(doc, 'p', { text: i18n.t('problemCause', { text: problem.cause[i18n.locale] }) }),
        el(doc, 'p', { text: i18n.t('problemFix', { text: problem.fix[i18n.locale] }) }),
      ]),
    );
  }
  container.append(badge);
  return badge;
}

function sessionStore(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function tenantOf(doc: Document): string {
  return doc.defaultView?.location.origin ?? '';
}

/** Adds a notice to the panel when the integration is not healthy (e.g. the workspace was revoked). */
async function addHealthNotice(doc: Document, panel: HTMLElement, i18n: I18n, source: HealthSource) {
  const outcome = await fetchHealth(source);
  let problem: NottaProblem | null = null;
  if (!outcome.ok) problem = outcome.problem;
  else if (outcome.health.status !== 'connected')
    problem = healthProblem(outcome.health.code) ?? {
      code: null,
      status: null,
      title: { en: '', ja: '' },
      cause: { en: '', ja: '' },
      fix: { en: '', ja: '' },
    };
  if (!problem || !panel.isConnected) return;
  const status = outcome.ok ? i18n.t(STATUS_TEXT[outcome.health.status]) : '';
  const notice = el(doc, 'div', { className: `${PANEL_CLASS}__notice`, attrs: { role: 'status' } }, [
    el(doc, 'strong', { text: problem.title[i18n.locale] || status }),
    problem.cause[i18n.locale] ? el(doc, 'p', { text: problem.cause[i18n.locale] }) : null,
    problem.fix[i18n.locale]
      ? el(doc, 'p', { text: i18n.t('problemFix', { text: problem.fix[i18n.locale] }) })
      : null,
  ]);
  panel.dataset.health = outcome.ok ? outcome.health.status : 'error';
  panel.insertBefore(notice, panel.children[1] ?? null);
}

interface Placement {
  space(id: string): HTMLElement | null;
  fallback(): HTMLElement | null;
}

function showPanel(
  kintone: DesktopKintone | MobileKintone,
  pluginId: string,
  doc: Document,
  i18n: I18n,
  variant: PanelVariant,
  event: unknown,
  placement: Placement,
  appId: number | null,
): void {
  const state = readPluginConfig(kintone.plugin.app.getConfig(pluginId));
  const spaceId = state.kind === 'configured' ? state.config.panelSpace : null;
  const container = (spaceId ? placement.space(spaceId) : null) ?? placement.fallback();
  if (!container) return;
  const record = ((event as { record?: KintoneRecord } | null)?.record ?? {}) as KintoneRecord;
  const panel = renderRecordPanel(doc, container, {
    state,
    i18n,
    variant,
    record,
    timeZone: timeZoneOf(kintone),
  });
  if (state.kind === 'configured' && appId !== null) {
    void addHealthNotice(doc, panel, i18n, {
      kintone,
      pluginId,
      nottaUrl: state.config.nottaUrl,
      appId,
      tenantBaseUrl: tenantOf(doc),
      storage: sessionStore(),
    });
  }
}

/** Desktop: the panel on record details, the health badge on the record list. */
export function startDesktop(kintone: DesktopKintone, pluginId: string, doc: Document): void {
  const i18n = i18nFor(kintone);
  kintone.events.on('app.record.detail.show', (event) => {
    showPanel(
      kintone,
      pluginId,
      doc,
      i18n,
      'desktop',
      event,
      {
        space: (id) => kintone.app.record.getSpaceElement(id),
        fallback: () => kintone.app.record.getHeaderMenuSpaceElement(),
      },
      kintone.app.getId(),
    );
    return event;
  });
  kintone.events.on('app.record.index.show', (event) => {
    const space = kintone.app.getHeaderMenuSpaceElement();
    if (!space) return event;
    const state = readPluginConfig(kintone.plugin.app.getConfig(pluginId));
    const appId = kintone.app.getId();
    if (state.kind !== 'configured' || appId === null) {
      renderBadge(doc, space, i18n, 'not-configured');
      return event;
    }
    renderBadge(doc, space, i18n, 'checking');
    void fetchHealth({
      kintone,
      pluginId,
      nottaUrl: state.config.nottaUrl,
      appId,
      tenantBaseUrl: tenantOf(doc),
      storage: sessionStore(),
    }).then((outcome) => renderBadge(doc, space, i18n, outcome));
    return event;
  });
}

/** Mobile: the same panel, in a simpler one-column layout. */
export function startMobile(kintone: MobileKintone, pluginId: string, doc: Document): void {
  const i18n = i18nFor(kintone);
  kintone.events.on('mobile.app.record.detail.show', (event) => {
    showPanel(
      kintone,
      pluginId,
      doc,
      i18n,
      'mobile',
      event,
      {
        space: (id) => kintone.mobile.app.record.getSpaceElement(id),
        fallback: () => kintone.mobile.app.getHeaderSpaceElement(),
      },
      kintone.mobile.app.getId(),
    );
    return event;
  });
}
