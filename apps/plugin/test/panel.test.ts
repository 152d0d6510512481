// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createI18n, dictionaries, localeOf } from '../src/js/i18n';
import { PANEL_CLASS, renderRecordPanel, startDesktop, startMobile } from '../src/js/panel';
import { fakeKintone } from './helpers/fake-kintone';

describe('desktop record panel', () => {
  it.each(['en', 'ja'] as const)(
    'says "installed, not configured" in %s when the config is empty',
    (language) => {
      const fake = fakeKintone({ language, config: {} });
      startDesktop(fake.kintone, 'plugin-x', document);
      expect(fake.handlerTypes()).toEqual(['app.record.detail.show']);
      const returned = fake.fire('app.record.detail.show', { recordId: 1 });
      expect(returned).toEqual([{ type: 'app.record.detail.show', recordId: 1 }]);

      const panel = fake.headerMenuSpace.querySelector<HTMLElement>(`.${PANEL_CLASS}`)!;
      expect(fake.getConfig).toHaveBeenCalledWith('plugin-x');
      expect(panel.lang).toBe(language);
      expect(panel.dataset.state).toBe('not-configured');
      expect(panel.textContent).toBe(`Notta${dictionaries[language].panelNotConfigured}`);
    },
  );

  it('treats a null config (page where getConfig cannot run) as not configured', () => {
    const fake = fakeKintone({ config: null });
    startDesktop(fake.kintone, 'plugin-x', document);
    fake.fire('app.record.detail.show');
    expect(fake.headerMenuSpace.querySelector<HTMLElement>(`.${PANEL_CLASS}`)!.dataset.state).toBe(
      'not-configured',
    );
  });

  it('renders stored values as text, never as HTML', () => {
    const fake = fakeKintone({ config: { nottaUrl: '<img src=x onerror="alert(1)">' } });
    startDesktop(fake.kintone, 'plugin-x', document);
    fake.fire('app.record.detail.show');
    const panel = fake.headerMenuSpace.querySelector<HTMLElement>(`.${PANEL_CLASS}`)!;
    expect(panel.dataset.state).toBe('invalid');
    expect(panel.querySelector('img')).toBeNull();
    expect([...panel.children].map((el) => el.tagName)).toEqual(['STRONG', 'SPAN']);
    expect(panel.textContent).toBe(`Notta${dictionaries.en.panelInvalidConfig}`);
  });

  it('shows the linked host once configured, in Japanese', () => {
    const fake = fakeKintone({ language: 'ja', config: { nottaUrl: 'https://app.notta.ai/w/1' } });
    startDesktop(fake.kintone, 'plugin-x', document);
    fake.fire('app.record.detail.show');
    const message = fake.headerMenuSpace.querySelector(`.${PANEL_CLASS}__message`)!;
    expect(message.textContent).toBe(
      'Notta（app.notta.ai）と連携しています。ここに会議の要約と文字起こしが表示されます。',
    );
  });

  it('keeps one panel when the event fires again', () => {
    const fake = fakeKintone();
    startDesktop(fake.kintone, 'plugin-x', document);
    fake.fire('app.record.detail.show');
    fake.fire('app.record.detail.show');
    expect(fake.headerMenuSpace.querySelectorAll(`.${PANEL_CLASS}`)).toHaveLength(1);
  });

  it('escapes text through textContent', () => {
    const container = document.createElement('div');
    const i18n = { ...createI18n('en'), t: () => '<b>bold</b> & co' };
    const panel = renderRecordPanel(document, container, {
      state: { kind: 'invalid' },
      i18n,
      variant: 'desktop',
    });
    expect(panel.querySelector('b')).toBeNull();
    expect(panel.innerHTML).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; co');
  });
});

describe('mobile record panel', () => {
  it.each(['en', 'ja'] as const)(
    'shows the same placeholder in the mobile header space in %s',
    (language) => {
      const fake = fakeKintone({ language });
      startMobile(fake.kintone, 'plugin-x', document);
      expect(fake.handlerTypes()).toEqual(['mobile.app.record.detail.show']);
      fake.fire('mobile.app.record.detail.show');
      const panel = fake.mobileHeaderSpace.querySelector<HTMLElement>(`.${PANEL_CLASS}--mobile`)!;
      expect(panel.textContent).toBe(`Notta${dictionaries[language].panelNotConfigured}`);
    },
  );
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
