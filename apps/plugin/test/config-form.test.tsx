// @vitest-environment jsdom
import { catalogueEntry, linkAppRequest, meetingFieldRules, toApiErrorBody } from '@notta/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_IDS, mappingErrorId, mappingId, mountConfigForm } from '../src/js/config-form';
import { dictionaries } from '../src/js/i18n';
import { CONFIG_KEYS } from '../src/js/plugin-config';
import {
  type FakeKintoneOptions,
  fakeKintone,
  MEETING_APP_FIELDS,
  type ProxyRequest,
  settle,
} from './helpers/fake-kintone';

const KEY = 'npk_live_0123456789abcdefSECRETSECRET';
const TENANT = 'https://example.cybozu.com';
const BASE = 'https://app.notta.ai/api/plugin/v1/';

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  unmount = undefined;
  document.body.replaceChildren();
});

function setValue(el: HTMLInputElement | HTMLSelectElement, value: string) {
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(el, value);
  el.dispatchEvent(new Event('input', { bubbles: true }));
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

const connectionOk = JSON.stringify({
  workspace: { id: '0b7c2a52-6a4e-4c39-9d1e-0f4b8f0d8a11', name: 'Acme Sales' },
  tenant: { baseUrl: TENANT },
  state: 'connected',
  keyLabel: 'Kintone plug-in',
});

async function setup(options: FakeKintoneOptions = {}) {
  const fake = fakeKintone(options);
  const root = document.createElement('section');
  document.body.append(root);
  const navigate = vi.fn();
  unmount = mountConfigForm(root, {
    kintone: fake.kintone as never,
    pluginId: 'plugin-x',
    navigate,
    tenantBaseUrl: TENANT,
  });
  await settle();
  const q = <T extends Element>(selector: string) => root.querySelector<T>(selector);
  const byId = <T extends HTMLElement>(id: string) => root.querySelector<T>(`#${id}`);
  const buttons = () => Array.from(root.querySelectorAll('button'));
  const save = () => buttons().find((b) => b.type === 'submit')!;
  const cancel = () =>
    buttons().find((b) => b.textContent === dictionaries[options.language === 'ja' ? 'ja' : 'en'].cancel)!;
  const options_ = (field: Parameters<typeof mappingId>[0]) =>
    Array.from(byId<HTMLSelectElement>(mappingId(field))!.options).map((o) => o.value);
  const fill = async (url: string, key?: string) => {
    setValue(byId<HTMLInputElement>(CONFIG_IDS.url)!, url);
    await settle();
    if (key !== undefined) setValue(byId<HTMLInputElement>(CONFIG_IDS.key)!, key);
    await settle();
  };
  const submit = async () => {
    save().click();
    await settle();
  };
  return { ...fake, root, navigate, q, byId, save, cancel, options: options_, fill, submit };
}

describe.each(['en', 'ja'] as const)('config screen in %s', (language) => {
  const t = dictionaries[language];

  it('shows the sections and labels in the user language', async () => {
    const { root, save } = await setup({ language });
    expect(root.querySelector('form')!.lang).toBe(language);
    expect(root.querySelector('h2')!.textContent).toBe(t.configTitle);
    expect([...root.querySelectorAll('legend')].map((l) => l.textContent)).toEqual([
      t.sectionConnection,
      t.sectionMapping,
      t.sectionPlacement,
    ]);
    expect(root.querySelector(`label[for=${mappingId('actionItems')}]`)!.textContent).toBe(
      meetingFieldRules.actionItems.label[language],
    );
    expect(save().textContent).toBe(t.save);
  });

  it('shows the workspace and tenant when the connection test succeeds', async () => {
    const requests: ProxyRequest[] = [];
    const s = await setup({
      language,
      proxy: (r) => {
        requests.push(r);
        return [connectionOk, 200, {}];
      },
    });
    await s.fill('https://app.notta.ai', KEY);
    s.byId<HTMLButtonElement>(CONFIG_IDS.test)!.click();
    await settle();
    expect(s.byId(CONFIG_IDS.testResult)!.textContent).toBe(
      t.testOk.replace('{workspace}', 'Acme Sales').replace('{tenant}', TENANT),
    );
    expect(requests).toEqual([
      {
        pluginId: 'plugin-x',
        url: `${BASE}connection?tenantBaseUrl=${encodeURIComponent(TENANT)}`,
        method: 'GET',
        headers: { 'X-Notta-Plugin-Key': KEY },
        data: {},
      },
    ]);
    expect(s.setProxyConfig).not.toHaveBeenCalled();
    expect(s.setConfig).not.toHaveBeenCalled();
  });

  it('shows the catalogue error (title, cause, fix) when the test fails', async () => {
    const body = toApiErrorBody('PLUGIN_KEY_INVALID');
    const s = await setup({ language, proxy: () => [JSON.stringify(body), 401, {}] });
    await s.fill('https://app.notta.ai', KEY);
    s.byId<HTMLButtonElement>(CONFIG_IDS.test)!.click();
    await settle();
    const result = s.byId(CONFIG_IDS.testResult)!;
    const entry = catalogueEntry('PLUGIN_KEY_INVALID');
    expect(result.querySelector('.notta-problem__title')!.textContent).toBe(entry.title[language]);
    expect(result.querySelector('.notta-problem__cause')!.textContent).toBe(
      t.problemCause.replace('{text}', entry.cause[language]),
    );
    expect(result.querySelector('.notta-problem__fix')!.textContent).toBe(
      t.problemFix.replace('{text}', entry.fix[language]),
    );
  });

  it('says Notta could not be reached when the proxy gets no catalogue answer', async () => {
    const s = await setup({ language, proxy: () => ['DNS Cache Missing', 503, {}] });
    await s.fill('https://app.notta.ai', KEY);
    s.byId<HTMLButtonElement>(CONFIG_IDS.test)!.click();
    await settle();
    expect(s.byId(CONFIG_IDS.testResult)!.querySelector('.notta-problem__title')!.textContent).toBe(
      language === 'ja' ? 'Notta に接続できませんでした' : 'Notta could not be reached',
    );
  });

  it('refuses to save with messages beside the fields', async () => {
    const s = await setup({
      language,
      fields: { ...MEETING_APP_FIELDS, meeting_id: { ...MEETING_APP_FIELDS.meeting_id, unique: false } },
    });
    await s.fill('http://app.notta.ai');
    await s.submit();
    expect(s.byId(CONFIG_IDS.urlError)!.textContent).toBe(t.urlNotHttps);
    expect(s.byId(CONFIG_IDS.keyError)!.textContent).toBe(t.keyRequired);
    expect(s.byId(mappingErrorId('meetingId'))!.textContent).toBe(
      t.problemRequired.replace('{field}', meetingFieldRules.meetingId.label[language]),
    );
    expect(s.byId(mappingId('meetingId'))!.parentElement!.textContent).toContain(t.mappingNoUniqueText);
    expect(s.byId(CONFIG_IDS.status)!.textContent).toBe(t.fixErrors);
    expect(document.activeElement).toBe(s.byId(CONFIG_IDS.url));
    expect(s.setConfig).not.toHaveBeenCalled();
    expect(s.setProxyConfig).not.toHaveBeenCalled();
    expect(s.proxy).not.toHaveBeenCalled();
    expect(s.navigate).not.toHaveBeenCalled();
  });

  it('takes the "not saved" message away once the marked fields are corrected, still saving nothing', async () => {
    const s = await setup({ language });
    await s.fill('http://app.notta.ai');
    await s.submit();
    expect(s.byId(CONFIG_IDS.status)!.textContent).toBe(t.fixErrors);
    await s.fill('https://app.notta.ai', KEY);
    await settle();
    expect(s.byId(CONFIG_IDS.status)?.textContent ?? '').not.toContain(t.fixErrors);
    expect(s.setConfig).not.toHaveBeenCalled();
  });
});

describe('field mapping', () => {
  it('offers only compatible fields for each Notta field, and the meeting ID only unique text fields', async () => {
    const s = await setup();
    expect(s.options('meetingId')).toEqual(['', 'meeting_id']);
    expect(s.options('title').sort()).toEqual(['', 'meeting_id', 'title']);
    expect(s.options('start')).toEqual(['', 'start']);
    expect(s.options('duration')).toEqual(['', 'duration']);
    expect(s.options('participants').sort()).toEqual(
      ['', 'action_items', 'meeting_id', 'participants', 'summary', 'title', 'transcript'].filter(
        (c) => !['summary'].includes(c),
      ),
    );
    expect(s.options('summary').sort()).toEqual([
      '',
      'action_items',
      'participants',
      'summary',
      'transcript',
    ]);
    expect(s.options('recordingUrl')).toEqual(['', 'recording_url']);
    const all = [...s.root.querySelectorAll('select option')].map((o) => (o as HTMLOptionElement).value);
    expect(all).not.toContain('meeting_date');
    expect(all).not.toContain('status');
  });

  it('reads fields.json and layout.json of this app through kintone.api', async () => {
    const s = await setup({ appId: 7 });
    expect(s.api).toHaveBeenCalledWith('https://example.cybozu.com/k/v1/app/form/fields.json', 'GET', {
      app: 7,
    });
    expect(s.api).toHaveBeenCalledWith('https://example.cybozu.com/k/v1/app/form/layout.json', 'GET', {
      app: 7,
    });
  });

  it('suggests matching fields when the app was never mapped', async () => {
    const s = await setup();
    expect(s.byId<HTMLSelectElement>(mappingId('meetingId'))!.value).toBe('meeting_id');
    expect(s.byId<HTMLSelectElement>(mappingId('actionItems'))!.value).toBe('action_items');
    expect(s.byId<HTMLSelectElement>(mappingId('recordingUrl'))!.value).toBe('recording_url');
  });

  it('explains a saved mapping that no longer fits, and a field used twice', async () => {
    const s = await setup({
      config: {
        nottaUrl: 'https://app.notta.ai',
        mapping: JSON.stringify({ meetingId: 'title', start: 'gone' }),
        panelSpace: '',
      },
    });
    expect(s.byId(mappingErrorId('meetingId'))!.textContent).toBe(
      dictionaries.en.problemNotUnique.replace('{code}', 'title'),
    );
    expect(s.byId(mappingErrorId('start'))!.textContent).toBe(
      dictionaries.en.problemUnknownField.replace('{code}', 'gone'),
    );
    setValue(s.byId<HTMLSelectElement>(mappingId('summary'))!, 'transcript');
    await settle();
    setValue(s.byId<HTMLSelectElement>(mappingId('transcript'))!, 'transcript');
    await settle();
    expect(s.byId(mappingErrorId('transcript'))!.textContent).toBe(
      dictionaries.en.problemUsedTwice.replace('{code}', 'transcript'),
    );
  });

  it('explains a type mismatch in words', async () => {
    const s = await setup({
      config: {
        nottaUrl: 'https://app.notta.ai',
        mapping: JSON.stringify({ meetingId: 'meeting_id', duration: 'title' }),
      },
      language: 'ja',
    });
    expect(s.byId(mappingErrorId('duration'))!.textContent).toBe(
      'フィールド「title」は 文字列（1行） です。所要時間(分) には 数値 が必要です。',
    );
  });

  it('offers the layout’s blank spaces (also inside groups) for the panel', async () => {
    const s = await setup();
    const options = [...s.byId<HTMLSelectElement>(CONFIG_IDS.space)!.options].map((o) => o.value);
    expect(options).toEqual(['', 'notta_panel', 'side_space']);
  });
});

describe('saving', () => {
  async function ready(options: FakeKintoneOptions = {}) {
    const calls: ProxyRequest[] = [];
    const s = await setup({
      proxy: (r) => {
        calls.push(r);
        return r.method === 'PUT' ? ['{"appId":"42"}', 200, {}] : [connectionOk, 200, {}];
      },
      ...options,
    });
    return { ...s, calls };
  }

  it('puts the key ONLY into setProxyConfig (GET and PUT), links the app, then saves non-secret settings', async () => {
    const s = await ready();
    await s.fill(' https://app.notta.ai/ ', KEY);
    setValue(s.byId<HTMLSelectElement>(CONFIG_IDS.space)!, 'notta_panel');
    await settle();
    await s.submit();

    expect(s.setProxyConfig.mock.calls.map((c) => c.slice(0, 4))).toEqual([
      [BASE, 'GET', { 'X-Notta-Plugin-Key': KEY }, {}],
      [BASE, 'PUT', { 'X-Notta-Plugin-Key': KEY }, {}],
    ]);
    expect(s.calls).toHaveLength(1);
    const put = s.calls[0]!;
    expect(put.method).toBe('PUT');
    expect(put.url).toBe(`${BASE}apps/42`);
    const body = linkAppRequest.parse(put.data);
    expect(body).toEqual({
      tenantBaseUrl: TENANT,
      appName: 'Meeting notes',
      panelSpace: 'notta_panel',
      mapping: {
        meetingId: 'meeting_id',
        title: 'title',
        start: 'start',
        duration: 'duration',
        participants: 'participants',
        summary: 'summary',
        actionItems: 'action_items',
        transcript: 'transcript',
        recordingUrl: 'recording_url',
      },
    });

    expect(s.setConfig).toHaveBeenCalledTimes(1);
    const [saved, callback] = s.setConfig.mock.calls[0]!;
    expect(Object.keys(saved)).toEqual([...CONFIG_KEYS]);
    expect(saved).toEqual({
      nottaUrl: 'https://app.notta.ai',
      mapping: JSON.stringify(body.mapping),
      panelSpace: 'notta_panel',
    });
    for (const value of Object.values(saved)) expect(typeof value).toBe('string');
    expect(JSON.stringify(s.setConfig.mock.calls)).not.toContain(KEY);
    expect(callback).toBeTypeOf('function');
    expect(s.navigate).toHaveBeenCalledWith('../../flow?app=42');
    // The order Kintone sees: proxy configuration, link, settings.
    expect(s.setProxyConfig.mock.invocationCallOrder[1]!).toBeLessThan(s.proxy.mock.invocationCallOrder[0]!);
    expect(s.proxy.mock.invocationCallOrder[0]!).toBeLessThan(s.setConfig.mock.invocationCallOrder[0]!);
  });

  it('accepts plain http only for a development host', async () => {
    const s = await ready();
    await s.fill('http://localhost:3000', KEY);
    await s.submit();
    expect(s.setProxyConfig.mock.calls[0]![0]).toBe('http://localhost:3000/api/plugin/v1/');
    expect(s.setConfig.mock.calls[0]![0].nottaUrl).toBe('http://localhost:3000');
  });

  it('stays on the page and shows the catalogue message when Notta refuses the link', async () => {
    const body = toApiErrorBody('PLUGIN_TENANT_MISMATCH');
    const s = await setup({ language: 'ja', proxy: () => [JSON.stringify(body), 403, {}] });
    await s.fill('https://app.notta.ai', KEY);
    await s.submit();
    const status = s.byId(CONFIG_IDS.status)!;
    expect(status.textContent).toContain(dictionaries.ja.linkFailed);
    expect(status.querySelector('.notta-problem__title')!.textContent).toBe(
      catalogueEntry('PLUGIN_TENANT_MISMATCH').title.ja,
    );
    expect(s.setConfig).not.toHaveBeenCalled();
    expect(s.navigate).not.toHaveBeenCalled();
    expect(s.save().disabled).toBe(false);
  });

  it('shows a saved key as "saved" with Replace, never its value, and keeps it when not replaced', async () => {
    const saved = { 'X-Notta-Plugin-Key': KEY };
    const s = await ready({
      config: {
        nottaUrl: 'https://app.notta.ai',
        mapping: JSON.stringify({ meetingId: 'meeting_id' }),
        panelSpace: '',
      },
      proxyConfigs: [
        { url: BASE, method: 'GET', headers: saved, data: {} },
        { url: BASE, method: 'PUT', headers: saved, data: {} },
      ],
    });
    expect(s.getProxyConfig).toHaveBeenCalledWith(BASE, 'GET');
    expect(s.root.textContent).toContain(dictionaries.en.keySaved);
    expect(s.byId(CONFIG_IDS.key)).toBeNull();
    expect(s.root.innerHTML).not.toContain(KEY);
    for (const input of s.root.querySelectorAll('input')) expect(input.value).not.toContain(KEY);

    await s.submit();
    expect(s.setProxyConfig).not.toHaveBeenCalled();
    expect(s.calls[0]!.headers).toEqual({ 'Content-Type': 'application/json', ...saved }); // added by Kintone
    expect(s.setConfig.mock.calls[0]![0]).toEqual({
      nottaUrl: 'https://app.notta.ai',
      mapping: JSON.stringify({ meetingId: 'meeting_id' }),
      panelSpace: '',
    });
  });

  it('replaces a saved key with a new one', async () => {
    const s = await ready({
      config: { nottaUrl: 'https://app.notta.ai', mapping: JSON.stringify({ meetingId: 'meeting_id' }) },
      proxyConfigs: ['GET', 'PUT'].map((method) => ({
        url: BASE,
        method,
        headers: { 'X-Notta-Plugin-Key': 'old-key-0123456789abcdef' },
        data: {},
      })),
    });
    [...s.root.querySelectorAll('button')].find((b) => b.textContent === dictionaries.en.keyReplace)!.click();
    await settle();
    setValue(s.byId<HTMLInputElement>(CONFIG_IDS.key)!, KEY);
    await settle();
    expect(s.byId<HTMLInputElement>(CONFIG_IDS.key)!.type).toBe('password');
    await s.submit();
    expect(s.setProxyConfig.mock.calls.map((c) => c[2])).toEqual([
      { 'X-Notta-Plugin-Key': KEY },
      { 'X-Notta-Plugin-Key': KEY },
    ]);
    expect(JSON.stringify(s.setConfig.mock.calls)).not.toContain(KEY);
  });

  it('asks for the key again when the Notta URL changes', async () => {
    const s = await ready({
      config: { nottaUrl: 'https://app.notta.ai', mapping: JSON.stringify({ meetingId: 'meeting_id' }) },
      proxyConfigs: ['GET', 'PUT'].map((method) => ({
        url: BASE,
        method,
        headers: { 'X-Notta-Plugin-Key': KEY },
        data: {},
      })),
    });
    await s.fill('https://eu.notta.ai');
    await settle();
    await s.submit();
    expect(s.byId(CONFIG_IDS.keyError)!.textContent).toBe(dictionaries.en.keyAgainForNewUrl);
    expect(s.setConfig).not.toHaveBeenCalled();
  });

  it('cancels without saving anything', async () => {
    const s = await ready({ appId: 9 });
    await s.fill('https://app.notta.ai', KEY);
    s.cancel().click();
    await settle();
    expect(s.setConfig).not.toHaveBeenCalled();
    expect(s.setProxyConfig).not.toHaveBeenCalled();
    expect(s.navigate).toHaveBeenCalledWith('../../flow?app=9');
  });
});
