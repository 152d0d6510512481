// @vitest-environment jsdom
import { catalogueEntry, toApiErrorBody } from '@notta/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createI18n, dictionaries, localeOf } from '../src/js/i18n';
import {
  BADGE_CLASS,
  fetchHealth,
  HEALTH_CACHE_MS,
  type KintoneRecord,
  PANEL_CLASS,
  renderRecordPanel,
  startDesktop,
  startMobile,
  TRANSCRIPT_PAGE,
} from '../src/js/panel';
import { readPluginConfig } from '../src/js/plugin-config';
import { type FakeKintoneOptions, fakeKintone, type ProxyAnswer, settle } from './helpers/fake-kintone';

const MAPPING = {
  meetingId: 'meeting_id',
  title: 'title',
  start: 'start',
  duration: 'duration',
  participants: 'participants',
  summary: 'summary',
  actionItems: 'action_items',
  transcript: 'transcript',
  recordingUrl: 'recording_url',
};
const CONFIG = {
  nottaUrl: 'https://app.notta.ai',
  mapping: JSON.stringify(MAPPING),
  panelSpace: 'notta_panel',
};

function rec(values: Record<string, string>): KintoneRecord {
  const types: Record<string, string> = {
    meeting_id: 'SINGLE_LINE_TEXT',
    title: 'SINGLE_LINE_TEXT',
    start: 'DATETIME',
    duration: 'NUMBER',
    participants: 'MULTI_LINE_TEXT',
    summary: 'RICH_TEXT',
    action_items: 'MULTI_LINE_TEXT',
    transcript: 'MULTI_LINE_TEXT',
    recording_url: 'LINK',
  };
  return Object.fromEntries(
    Object.entries(values).map(([code, value]) => [code, { type: types[code], value }]),
  );
}

const ACME = rec({
  meeting_id: 'mtg-1',
  title: 'ACME 株式会社 定例ミーティング',
  start: '2026-11-01T01:00:00Z',
  duration: '45',
  participants: '山田 太郎\n鈴木 花子\nACME 佐藤様',
  summary: '<p>新プランの導入時期を確認し、<b>12 月</b>からの試験運用で合意しました。</p>',
  action_items: '見積書を送付する(山田、11/5 まで)\n- 導入スケジュール案を作成する(鈴木)',
  transcript:
    '[00:00:05] 山田: 本日はよろしくお願いいたします。\n[00:00:12] 佐藤: 新プランの件ですが…\n[00:01:40] 鈴木：12 月から試験運用はいかがでしょうか。試験運用の期間は？',
  recording_url: 'https://app.notta.ai/recordings/mtg-1',
});

let unhealthy: ProxyAnswer = [
  '{"status":"connected","code":null,"checkedAt":"2026-11-01T00:00:00Z"}',
  200,
  {},
];
beforeEach(() => sessionStorage.clear());
afterEach(() => document.body.replaceChildren());

function desktop(options: FakeKintoneOptions = {}) {
  const fake = fakeKintone({ config: CONFIG, proxy: () => unhealthy, ...options });
  startDesktop(fake.kintone, 'plugin-x', document);
  return fake;
}

function show(fake: ReturnType<typeof desktop>, record: KintoneRecord, where?: HTMLElement) {
  const target = where ?? fake.space('notta_panel')!;
  document.body.append(target);
  fake.fire('app.record.detail.show', { record, recordId: 1 });
  return target.querySelector<HTMLElement>(`.${PANEL_CLASS}`)!;
}

function openTranscript(panel: HTMLElement) {
  const details = panel.querySelector('details')!;
  details.open = true;
  details.dispatchEvent(new Event('toggle'));
  return details;
}

function search(panel: HTMLElement, query: string) {
  const input = panel.querySelector<HTMLInputElement>('input[type=search]')!;
  input.value = query;
  input.dispatchEvent(new Event('input'));
  return panel.querySelector('[role=status]')!.textContent;
}

describe('record panel: not configured', () => {
  it.each(['en', 'ja'] as const)('says "installed, not configured" in %s', (language) => {
    const fake = fakeKintone({ language, config: {} });
    startDesktop(fake.kintone, 'plugin-x', document);
    expect(fake.handlerTypes()).toEqual(['app.record.detail.show', 'app.record.index.show']);
    const returned = fake.fire('app.record.detail.show', { recordId: 1 });
    expect(returned).toEqual([{ type: 'app.record.detail.show', recordId: 1 }]);
    const panel = fake.headerMenuSpace.querySelector<HTMLElement>(`.${PANEL_CLASS}`)!;
    expect(panel.lang).toBe(language);
    expect(panel.dataset.state).toBe('not-configured');
    expect(panel.textContent).toBe(`Notta${dictionaries[language].panelNotConfigured}`);
    expect(fake.proxy).not.toHaveBeenCalled();
  });

  it('shows a stored bad value as "invalid", never as HTML', () => {
    const fake = fakeKintone({ config: { nottaUrl: '<img src=x onerror="alert(1)">' } });
    startDesktop(fake.kintone, 'plugin-x', document);
    fake.fire('app.record.detail.show');
    const panel = fake.headerMenuSpace.querySelector<HTMLElement>(`.${PANEL_CLASS}`)!;
    expect(panel.dataset.state).toBe('invalid');
    expect(panel.querySelector('img')).toBeNull();
  });
});

describe('record panel: a meeting', () => {
  it('shows the record’s own mapped values in the configured blank space (Japanese)', () => {
    const fake = desktop({ language: 'ja', timezone: 'Asia/Tokyo' });
    const panel = show(fake, ACME);
    expect(fake.headerMenuSpace.children).toHaveLength(0);
    expect(panel.dataset.state).toBe('meeting');
    expect(panel.querySelector(`.${PANEL_CLASS}__meeting-title`)!.textContent).toBe(
      'ACME 株式会社 定例ミーティング',
    );
    const meta = panel.querySelector(`.${PANEL_CLASS}__meta`)!.textContent!;
    expect(meta).toContain('10:00'); // 01:00 UTC in Tokyo
    expect(meta).toContain('45分');
    expect(
      [...panel.querySelectorAll(`.${PANEL_CLASS}__participants li`)].map((li) => li.textContent),
    ).toEqual(['山田 太郎', '鈴木 花子', 'ACME 佐藤様']);
    expect(panel.querySelector(`.${PANEL_CLASS}__summary`)!.textContent).toBe(
      '新プランの導入時期を確認し、12 月からの試験運用で合意しました。',
    );
    expect(panel.querySelector(`.${PANEL_CLASS}__summary b`)).toBeNull();
    expect([...panel.querySelectorAll(`.${PANEL_CLASS}__actions li`)].map((li) => li.textContent)).toEqual([
      '見積書を送付する(山田、11/5 まで)',
      '導入スケジュール案を作成する(鈴木)',
    ]);
    const link = panel.querySelector<HTMLAnchorElement>(`a.${PANEL_CLASS}__open`)!;
    expect(link.href).toBe('https://app.notta.ai/recordings/mtg-1');
    expect(link.rel).toBe('noopener noreferrer');
    expect(link.textContent).toBe('Notta で開く');
  });

  it('falls back to the header menu space when no blank space is configured or found', () => {
    const fake = desktop({ config: { ...CONFIG, panelSpace: '' } });
    fake.fire('app.record.detail.show', { record: ACME });
    expect(fake.headerMenuSpace.querySelector(`.${PANEL_CLASS}`)).not.toBeNull();
  });

  it('keeps one panel when the event fires again', () => {
    const fake = desktop();
    show(fake, ACME);
    show(fake, ACME);
    expect(fake.space('notta_panel')!.querySelectorAll(`.${PANEL_CLASS}`)).toHaveLength(1);
  });

  it.each(['en', 'ja'] as const)('shows a helpful empty state for an empty record (%s)', (language) => {
    const fake = desktop({ language });
    const panel = show(fake, rec({ meeting_id: '', title: '', transcript: '' }));
    expect(panel.dataset.state).toBe('empty');
    expect(panel.textContent).toBe(`Notta${dictionaries[language].panelEmpty}`);
  });

  it('shows only what a partial record has', () => {
    const fake = desktop();
    const panel = show(fake, rec({ title: 'Only a title', duration: 'abc', start: 'not a date' }));
    expect(panel.dataset.state).toBe('meeting');
    expect(panel.querySelector(`.${PANEL_CLASS}__meta`)).toBeNull();
    expect(panel.querySelectorAll('section section, details, a')).toHaveLength(0);
  });

  it('renders markup and script in every field as text and creates no element from it', () => {
    const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a>';
    const fake = desktop();
    const record = rec(Object.fromEntries(Object.values(MAPPING).map((code) => [code, evil])));
    const panel = show(fake, record);
    expect(panel.querySelectorAll('img, script, iframe, object')).toHaveLength(0);
    expect(panel.querySelectorAll('a')).toHaveLength(0);
    expect(panel.querySelector(`.${PANEL_CLASS}__meeting-title`)!.textContent).toBe(evil);
    expect(panel.querySelector(`.${PANEL_CLASS}__summary`)!.textContent).toBe('x'); // rich text: its text only
    const details = openTranscript(panel);
    expect(details.querySelector(`.${PANEL_CLASS}__text`)!.textContent).toBe(evil);
    expect(search(panel, '<script>')).toBe('1 match');
    expect(details.querySelectorAll('script, img')).toHaveLength(0);
    expect(panel.textContent).toContain(`Recording: ${evil}`);
  });

  it.each([
    ['javascript:alert(1)', false],
    ['data:text/html,<b>x</b>', false],
    ['  JAVASCRIPT:alert(1)', false],
    ['ftp://files.example.com/x', false],
    ['http://intranet.example/rec/1', true],
    ['https://app.notta.ai/r/1', true],
  ])('renders %j as a link: %s', (url, isLink) => {
    const fake = desktop();
    const panel = show(fake, rec({ title: 't', recording_url: url }));
    const link = panel.querySelector('a');
    if (isLink) expect(link!.getAttribute('href')).toBe(new URL(url.trim()).href);
    else {
      expect(link).toBeNull();
      expect(panel.textContent).toContain(url.trim());
    }
  });
});

describe('transcript', () => {
  it('is collapsed by default and shows speaker and time per line once opened', () => {
    const panel = show(desktop({ language: 'ja' }), ACME);
    const details = panel.querySelector('details')!;
    expect(details.open).toBe(false);
    expect(details.querySelectorAll('li')).toHaveLength(0);
    openTranscript(panel);
    const lines = [...details.querySelectorAll('li')];
    expect(lines).toHaveLength(3);
    expect(lines[2]!.querySelector('time')!.textContent).toBe('00:01:40');
    expect(lines[2]!.querySelector(`.${PANEL_CLASS}__speaker`)!.textContent).toBe('鈴木'); // full-width colon
    expect(lines[0]!.querySelector(`.${PANEL_CLASS}__text`)!.textContent).toBe(
      '本日はよろしくお願いいたします。',
    );
  });

  it('searches in Japanese, highlights with <mark> and counts matches', () => {
    const panel = show(desktop({ language: 'ja' }), ACME);
    openTranscript(panel);
    expect(search(panel, '試験運用')).toBe('2 件一致');
    const marks = [...panel.querySelectorAll('details mark')];
    expect(marks.map((m) => m.textContent)).toEqual(['試験運用', '試験運用']);
    expect(panel.querySelectorAll('details li')).toHaveLength(1);
    expect(search(panel, '山田')).toBe('1 件一致'); // the speaker
    expect(search(panel, '存在しない')).toBe('一致なし');
    expect(search(panel, '')).toBe('');
    expect(panel.querySelectorAll('details li')).toHaveLength(3);
  });

  it('counts case-insensitively in English and says "3 matches"', () => {
    const panel = show(
      desktop(),
      rec({ transcript: '[00:00:01] Ann: Budget budget\n[00:00:02] Bob: BUDGET talk\nno timestamp line' }),
    );
    openTranscript(panel);
    expect(search(panel, 'budget')).toBe('3 matches');
    expect([...panel.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      'Budget',
      'budget',
      'BUDGET',
    ]);
    expect(search(panel, 'talk')).toBe('1 match');
  });

  it('handles 20,000 lines: fast, collapsed, rendered a page at a time, searched in full', () => {
    const text = Array.from(
      { length: 20_000 },
      (_, i) =>
        `[${String(Math.floor(i / 3600)).padStart(2, '0')}:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}] Speaker ${i % 7}: line ${i} ${i % 1000 === 0 ? 'needle' : 'hay'}`,
    ).join('\n');
    const fake = desktop();
    const started = performance.now();
    const panel = show(fake, rec({ transcript: text }));
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(panel.querySelector('details')!.open).toBe(false);
    expect(panel.querySelector('summary')!.textContent).toBe('Transcript (20,000 lines)');
    const opened = performance.now();
    openTranscript(panel);
    expect(panel.querySelectorAll('details li')).toHaveLength(TRANSCRIPT_PAGE);
    expect(search(panel, 'needle')).toBe('20 matches');
    expect(panel.querySelectorAll('details li')).toHaveLength(20);
    expect(performance.now() - opened).toBeLessThan(3_000);
    search(panel, '');
    panel.querySelector<HTMLButtonElement>(`.${PANEL_CLASS}__more`)!.click();
    expect(panel.querySelectorAll('details li')).toHaveLength(2 * TRANSCRIPT_PAGE);
  });
});

describe('mobile panel', () => {
  it.each(['en', 'ja'] as const)('shows the meeting in the mobile blank space in %s', (language) => {
    const fake = fakeKintone({ language, config: CONFIG, proxy: () => unhealthy });
    startMobile(fake.kintone, 'plugin-x', document);
    expect(fake.handlerTypes()).toEqual(['mobile.app.record.detail.show']);
    fake.fire('mobile.app.record.detail.show', { record: ACME });
    const panel = fake.space('notta_panel')!.querySelector<HTMLElement>(`.${PANEL_CLASS}--mobile`)!;
    expect(panel.lang).toBe(language);
    expect(panel.querySelector(`.${PANEL_CLASS}__meeting-title`)!.textContent).toBe(
      'ACME 株式会社 定例ミーティング',
    );
  });

  it('uses the mobile header space when not configured', () => {
    const fake = fakeKintone({ language: 'ja' });
    startMobile(fake.kintone, 'plugin-x', document);
    fake.fire('mobile.app.record.detail.show');
    expect(fake.mobileHeaderSpace.textContent).toBe(`Notta${dictionaries.ja.panelNotConfigured}`);
  });
});

describe('health', () => {
  const health = (status: string, code: string | null = null): ProxyAnswer => [
    JSON.stringify({ status, code, checkedAt: '2026-11-01T00:00:00Z' }),
    200,
    {},
  ];

  async function badge(answer: ProxyAnswer, language = 'en') {
    const fake = desktop({ language, proxy: () => answer });
    fake.fire('app.record.index.show', { appId: 42 });
    expect(fake.listHeaderMenuSpace.querySelector(`.${BADGE_CLASS}`)!.getAttribute('data-state')).toBe(
      'checking',
    );
    await settle();
    return { fake, el: fake.listHeaderMenuSpace.querySelector<HTMLElement>(`.${BADGE_CLASS}`)! };
  }

  it.each([
    ['connected', null, 'Connected', 'DIV'],
    ['needs-attention', 'PLUGIN_KEY_INVALID', 'Needs attention', 'DETAILS'],
    ['revoked', 'KINTONE_INTEGRATION_REVOKED', 'Revoked', 'DETAILS'],
    ['not-linked', 'PLUGIN_APP_NOT_LINKED', 'Not linked', 'DETAILS'],
  ] as const)('shows %s on the record list', async (status, code, label, tag) => {
    const { fake, el } = await badge(health(status, code));
    expect(el.dataset.state).toBe(status);
    expect(el.tagName).toBe(tag);
    expect(el.querySelector(`.${BADGE_CLASS}__status`)!.textContent).toBe(label);
    expect(fake.proxy).toHaveBeenCalledWith(
      'plugin-x',
      `https://app.notta.ai/api/plugin/v1/apps/42/health?tenantBaseUrl=${encodeURIComponent(location.origin)}`,
      'GET',
      {},
      {},
    );
    if (code) {
      expect(el.querySelector('summary')!.title).toBe(catalogueEntry(code).cause.en);
      expect(el.textContent).toContain(catalogueEntry(code).fix.en);
    }
  });

  it('shows the catalogue title in Japanese on failure, the cause on hover and when expanded', async () => {
    const { el } = await badge([JSON.stringify(toApiErrorBody('PLUGIN_KEY_INVALID')), 401, {}], 'ja');
    const entry = catalogueEntry('PLUGIN_KEY_INVALID');
    expect(el.dataset.state).toBe('error');
    expect(el.querySelector(`.${BADGE_CLASS}__status`)!.textContent).toBe(entry.title.ja);
    expect(el.querySelector('summary')!.title).toBe(entry.cause.ja);
    expect(el.textContent).toContain(entry.cause.ja);
  });

  it('says "not set up" without calling Notta when the plug-in is not configured', () => {
    const fake = fakeKintone({ config: {} });
    startDesktop(fake.kintone, 'plugin-x', document);
    fake.fire('app.record.index.show');
    expect(fake.listHeaderMenuSpace.querySelector(`.${BADGE_CLASS}`)!.getAttribute('data-state')).toBe(
      'not-configured',
    );
    expect(fake.proxy).not.toHaveBeenCalled();
  });

  it('caches a health answer for 60 seconds', async () => {
    const fake = fakeKintone({ proxy: () => health('connected') });
    let now = 1_000_000;
    const source = {
      kintone: fake.kintone,
      pluginId: 'p',
      nottaUrl: 'https://app.notta.ai',
      appId: 1,
      tenantBaseUrl: 'https://example.cybozu.com',
      storage: sessionStorage,
      now: () => now,
    };
    expect(await fetchHealth(source)).toEqual({ ok: true, health: { status: 'connected', code: null } });
    now += HEALTH_CACHE_MS - 1;
    await fetchHealth(source);
    expect(fake.proxy).toHaveBeenCalledTimes(1);
    now += 1;
    await fetchHealth(source);
    expect(fake.proxy).toHaveBeenCalledTimes(2);
  });

  it('adds a notice to the record panel when the integration was revoked', async () => {
    unhealthy = health('revoked', 'KINTONE_INTEGRATION_REVOKED');
    try {
      const fake = desktop({ language: 'ja' });
      const panel = show(fake, ACME);
      await settle();
      expect(panel.dataset.health).toBe('revoked');
      expect(panel.querySelector(`.${PANEL_CLASS}__notice`)!.textContent).toContain(
        catalogueEntry('KINTONE_INTEGRATION_REVOKED').title.ja,
      );
    } finally {
      unhealthy = health('connected');
    }
  });
});

describe('renderRecordPanel', () => {
  it('escapes texts through textContent', () => {
    const container = document.createElement('div');
    const i18n = { ...createI18n('en'), t: () => '<b>bold</b> & co' };
    const panel = renderRecordPanel(document, container, {
      state: readPluginConfig({}),
      i18n,
      variant: 'desktop',
    });
    expect(panel.querySelector('b')).toBeNull();
    expect(panel.innerHTML).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; co');
  });
});

describe('language', () => {
  it.each([
    ['ja', 'ja'],
    ['en', 'en'],
    ['zh', 'en'],
    ['ja-JP', 'ja'],
    ['', 'en'],
  ])('Kintone language %j → %s', (language, locale) => {
    expect(localeOf({ getLoginUser: () => ({ language }) })).toBe(locale);
  });

  it('falls back to English if the user cannot be read', () => {
    expect(
      localeOf({
        getLoginUser: () => {
          throw new Error('no user');
        },
      }),
    ).toBe('en');
  });

  it('has the same keys in both dictionaries, none empty', () => {
    expect(Object.keys(dictionaries.ja).sort()).toEqual(Object.keys(dictionaries.en).sort());
    for (const dictionary of Object.values(dictionaries)) {
      for (const text of Object.values(dictionary)) expect(text.trim()).not.toBe('');
    }
  });
});
