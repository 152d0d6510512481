import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { expectText, nottaApi, screenshot, signInToNotta, simApi, withTimeouts } from '../support/notta.js';
import {
  authorizeWorkspaceQuickly,
  kintoneEventsDone,
  nottaPanel,
  openSimPage,
  PLUGIN_ID,
  PLUGIN_KEY_HEADER,
  PLUGIN_NAME,
  PLUGIN_ZIP,
  pluginEn,
  pluginJa,
  squashSpaces,
} from '../support/plugin.js';
import { type RunningSystem, startSystem } from '../support/system.js';

const ACME = 'Acme Corporation (demo)';
const KEY_LABEL = 'Kintone plug-in';

/** Notta meeting field → the Meeting notes app's field code (the seed's form). */
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
} as const;

const mapSelect = (page: Page, field: keyof typeof MAPPING) => page.locator(`#notta-config-map-${field}`);

async function optionValues(page: Page, field: keyof typeof MAPPING): Promise<string[]> {
  return mapSelect(page, field)
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
}

/** Markup and script a meeting's content might carry; none of it may ever run or become an element. */
const IMG = '<img src=x onerror="window.__xss=1">';
const SCRIPT = '<script>window.__xss=2</script>';

/**
 * The Kintone plug-in against the real backend, Notta Web and the stand-in: a key from Notta Web, the zip
 * installed and configured by the cybozu.com administrator, the record panel for end users, script safety,
 * and the list badge and panel after the workspace's authorization is revoked.
 */
describe('Kintone plug-in: install, configure, panels, script safety, revocation (browser)', () => {
  let system: RunningSystem;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  /** Owner in Notta Web and, after the consent, `administrator` in the stand-in (one context). */
  let owner: Page;
  let pluginKey: string;
  let xssRecordId: number;
  const contexts: BrowserContext[] = [];

  async function newPage(): Promise<Page> {
    const context = withTimeouts(await browser.newContext());
    contexts.push(context);
    return context.newPage();
  }

  const configUrl = () => `${system.simUrl}/k/admin/app/1/plugin/config?pluginId=${PLUGIN_ID}`;
  const apiBase = () => `${system.webUrl}/api/plugin/v1/`;

  beforeAll(async () => {
    [system, browser] = await Promise.all([startSystem(), launchBrowser()]);
    owner = await newPage();
    await signInToNotta(owner, system.webUrl, 'owner@example.com');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await system?.stop();
  });

  it('setup: the workspace is authorized with the stand-in (API, consent in the browser)', async () => {
    await authorizeWorkspaceQuickly(owner, system, ACME);
  });

  it('Notta Web: the owner creates a plug-in key, shown once; the list shows its label, never the secret', async () => {
    await owner.goto(`${system.webUrl}/integrations/kintone/plugin-keys`);
    await owner.getByRole('heading', { level: 1, name: 'Plug-in keys' }).waitFor();
    await owner.getByText('No plug-in keys yet.', { exact: true }).waitFor();
    await owner.getByLabel('Label', { exact: true }).fill(KEY_LABEL);
    await owner.getByRole('button', { name: 'Create key' }).click();
    await owner.getByRole('heading', { level: 2, name: `Key “${KEY_LABEL}” created` }).waitFor();
    const secretField = owner.getByLabel('Plug-in key', { exact: true });
    pluginKey = await secretField.inputValue();
    expect(pluginKey.length).toBeGreaterThanOrEqual(32);
    expect(pluginKey).not.toMatch(/\s/);

    await owner.getByRole('button', { name: 'I have copied it' }).click();
    await secretField.waitFor({ state: 'detached' });
    const row = owner.getByRole('table').getByRole('row').filter({ hasText: KEY_LABEL });
    await row.waitFor();
    expect(await owner.getByRole('table').getByRole('row').count()).toBe(2);
    await expectText(row, 'by Olivia Owner');
    await expectText(row, 'Never used');
    const prefix = ((await row.locator('code').textContent()) ?? '').replace(/…$/, '');
    expect(prefix.length).toBeGreaterThan(0);
    expect(pluginKey.startsWith(prefix)).toBe(true);
    expect(await owner.content()).not.toContain(pluginKey);
    await owner.reload();
    await row.waitFor();
    expect(await owner.content()).not.toContain(pluginKey);
    // Nor does the list API send it.
    const { workspaceId } = await nottaApi(owner.context(), system.webUrl, ACME);
    const listed = await owner
      .context()
      .request.get(`${system.webUrl}/api/workspaces/${workspaceId}/plugin-keys`);
    expect(listed.status()).toBe(200);
    const listedText = await listed.text();
    expect(listedText).toContain(KEY_LABEL);
    expect(listedText).not.toContain(pluginKey);
  });

  it('the administrator imports the zip, adds it to Meeting notes and opens its settings', async () => {
    const admin = owner; // holds the stand-in session of `administrator` since the consent
    await openSimPage(admin, `${system.simUrl}/k/admin/system/plugin/`, 'administrator');
    await admin.getByRole('heading', { level: 1, name: 'Plug-ins' }).waitFor();
    await admin.getByText('No plug-ins are installed.', { exact: true }).waitFor();
    await admin.getByLabel('Import a plug-in file (.zip)').setInputFiles(PLUGIN_ZIP);
    await admin.getByRole('button', { name: 'Import', exact: true }).click();
    await admin.getByText(`Imported ${PLUGIN_NAME} (version 0.1.0).`, { exact: true }).waitFor();
    const installed = admin.locator(`tr[data-plugin-id="${PLUGIN_ID}"]`);
    await expectText(installed, PLUGIN_ID);
    await expectText(installed, PLUGIN_NAME);

    await admin.goto(`${system.simUrl}/k/admin/app/1/plugin/`);
    await admin.getByText('No plug-ins have been added to this app.', { exact: true }).waitFor();
    await admin.getByLabel('Plug-in', { exact: true }).selectOption(PLUGIN_ID);
    await admin.getByRole('button', { name: 'Add', exact: true }).click();
    const added = admin.locator(`tr[data-plugin-id="${PLUGIN_ID}"]`);
    await added.waitFor();
    expect(new URL(admin.url()).pathname).toBe('/k/admin/app/flow');
    await added.getByRole('link', { name: 'Settings' }).click();
    await admin.getByRole('heading', { level: 2, name: pluginEn.configTitle }).waitFor();
    expect(admin.url()).toBe(configUrl());
  });

  it('settings: test connection, mapping rules, refused without a meeting ID, then saved', async () => {
    const admin = owner;
    await mapSelect(admin, 'meetingId').waitFor();
    expect(await admin.locator('label[for="notta-config-url"]').textContent()).toBe(
      `${pluginEn.nottaUrlLabel}*`,
    );
    expect(await admin.locator('label[for="notta-config-key"]').textContent()).toBe(`${pluginEn.keyLabel}*`);
    expect(await admin.locator('#notta-config-key').getAttribute('type')).toBe('password');
    await admin.locator('#notta-config-url').fill(system.webUrl);
    await admin.locator('#notta-config-key').fill(pluginKey);
    await admin.getByRole('button', { name: pluginEn.testConnection }).click();
    await expect
      .poll(() => admin.locator('#notta-config-test-result').textContent())
      .toBe(pluginEn.testOk(ACME, system.simUrl));

    // Only compatible fields are offered: the meeting ID needs a unique text field (title is text but not
    // unique), start a date-time (not the Date field), the recording a link.
    expect(await optionValues(admin, 'meetingId')).toEqual(['', 'meeting_id']);
    expect(await optionValues(admin, 'start')).toEqual(['', 'start']);
    expect(await optionValues(admin, 'duration')).toEqual(['', 'duration']);
    expect(await optionValues(admin, 'recordingUrl')).toEqual(['', 'recording_url']);
    expect(await optionValues(admin, 'summary')).not.toContain('title');
    expect(await admin.locator('#notta-config-space option').allInnerTexts()).toEqual([
      pluginEn.placementHeader,
      pluginEn.placementSpace('notta_panel'),
    ]);

    for (const [field, code] of Object.entries(MAPPING))
      await mapSelect(admin, field as keyof typeof MAPPING).selectOption(code);
    await admin.locator('#notta-config-space').selectOption('notta_panel');
    await screenshot(admin, 'plugin-config-en');

    // Without a meeting ID, Save is refused with the message beside the field, and nothing is saved.
    await mapSelect(admin, 'meetingId').selectOption('');
    await admin.getByRole('button', { name: pluginEn.save, exact: true }).click();
    await expect
      .poll(() => admin.locator('#notta-config-map-meetingId-error').textContent())
      .toBe(pluginEn.requiredMeetingId);
    expect(await mapSelect(admin, 'meetingId').getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => admin.locator('#notta-config-status').textContent()).toBe(pluginEn.fixErrors);
    expect(admin.url()).toBe(configUrl());
    expect(await simApi(system.simUrl, 'GET', '/apps/1/plugins')).toEqual({
      plugins: [{ id: PLUGIN_ID, config: {}, proxy: [] }],
    });
    await screenshot(admin, 'plugin-config-refused-en');

    await mapSelect(admin, 'meetingId').selectOption('meeting_id');
    await admin.locator('#notta-config-map-meetingId-error').waitFor({ state: 'hidden' });

    await admin.getByRole('button', { name: pluginEn.save, exact: true }).click();
    await admin.waitForURL(`${system.simUrl}/k/admin/app/flow?app=1`);
    await admin.locator(`tr[data-plugin-id="${PLUGIN_ID}"]`).waitFor();
  });

  it('the key is only in the proxy configuration, never in getConfig; Notta Web lists app 1', async () => {
    const admin = owner;
    // The stand-in's state: both methods' proxy entries hold the key; the settings do not.
    const state = (await simApi(system.simUrl, 'GET', '/apps/1/plugins')) as {
      plugins: { id: string; config: Record<string, string>; proxy: unknown[] }[];
    };
    expect(state.plugins).toHaveLength(1);
    expect(state.plugins[0]?.proxy).toEqual([
      { url: apiBase(), method: 'GET', headers: { [PLUGIN_KEY_HEADER]: pluginKey }, data: {} },
      { url: apiBase(), method: 'PUT', headers: { [PLUGIN_KEY_HEADER]: pluginKey }, data: {} },
    ]);
    expect(state.plugins[0]?.config).toEqual({
      nottaUrl: system.webUrl,
      mapping: JSON.stringify(MAPPING),
      panelSpace: 'notta_panel',
    });

    // Through the kintone global on the settings page (which shows "saved", not the key).
    await admin.goto(configUrl());
    await admin.getByText(pluginEn.keySaved, { exact: true }).waitFor();
    expect(await admin.locator('#notta-config-key').count()).toBe(0);
    const seen = await admin.evaluate(
      ([id, url]) => {
        const k = (window as unknown as { kintone: KintoneForTests }).kintone;
        return {
          proxy: k.plugin.app.getProxyConfig(url, 'GET'),
          config: k.plugin.app.getConfig(id),
          formValues: Array.from(document.querySelectorAll('input')).map((i) => i.value),
        };
      },
      [PLUGIN_ID, apiBase()] as const,
    );
    expect(seen.proxy?.headers).toEqual({ [PLUGIN_KEY_HEADER]: pluginKey });
    expect(seen.config).toEqual(state.plugins[0]?.config);
    expect(JSON.stringify(seen.config)).not.toContain(pluginKey);
    expect(seen.formValues).not.toContain(pluginKey);

    // Notta Web's Linked apps page lists app 1 of the stand-in's tenant.
    const nottaPage = await admin.context().newPage();
    await nottaPage.goto(`${system.webUrl}/integrations/kintone/apps`);
    await nottaPage.getByRole('heading', { level: 1, name: 'Linked apps' }).waitFor();
    const rows = nottaPage.getByRole('table').getByRole('row');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    await expectText(rows.nth(1), 'Meeting notes');
    await expectText(rows.nth(1), 'App ID 1');
    await expectText(rows.nth(1), system.simUrl);
    await nottaPage.close();
  });

  it('the settings screen in Japanese (yamada, who manages the app and uses Kintone in Japanese)', async () => {
    const yamada = await newPage();
    await openSimPage(yamada, configUrl(), 'yamada');
    await yamada.getByRole('heading', { level: 2, name: pluginJa.configTitle }).waitFor();
    await yamada.getByText(pluginJa.keySaved, { exact: true }).waitFor();
    expect(await yamada.locator('#notta-config-url').inputValue()).toBe(system.webUrl);
    expect(await mapSelect(yamada, 'meetingId').inputValue()).toBe('meeting_id');
    expect(await yamada.locator('#notta-config-space').inputValue()).toBe('notta_panel');
    await yamada.getByRole('button', { name: pluginJa.testConnection }).click();
    await expect
      .poll(() => yamada.locator('#notta-config-test-result').textContent())
      .toBe(pluginJa.testOk(ACME, system.simUrl));
    // The settings page may read the saved proxy entry (as Kintone's getProxyConfig does for app
    // managers), but the form never puts the key on screen.
    expect(await yamada.locator('#notta-config-key').count()).toBe(0);
    expect(
      await yamada.locator('input').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)),
    ).not.toContain(pluginKey);
    expect((await yamada.locator('body').allInnerTexts()).join('\n')).not.toContain(pluginKey);
    await screenshot(yamada, 'plugin-config-ja');
    await yamada.context().close();
  });

  it('an end user (emily, English) sees the panel in the blank space and searches the transcript', async () => {
    const emily = await newPage();
    await openSimPage(emily, `${system.simUrl}/k/1/show?record=1`, 'emily');
    await kintoneEventsDone(emily);
    const panel = emily.locator('#user-js-notta_panel').locator('.notta-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('data-state')).toBe('meeting');
    expect(await panel.locator('.notta-panel__meeting-title').textContent()).toBe(
      'ACME 株式会社 定例ミーティング',
    );
    // 2026-11-01T01:00Z in emily's time zone (America/Los_Angeles), 45 minutes.
    expect(squashSpaces(await panel.locator('.notta-panel__meta').textContent())).toBe(
      'Oct 31, 2026, 6:00 PM · 45 min',
    );
    const participants = panel.locator('.notta-panel__section--participants');
    expect(await participants.locator('h3').textContent()).toBe(pluginEn.panelParticipants);
    expect(await participants.locator('li').allInnerTexts()).toEqual([
      '山田 太郎',
      '鈴木 花子',
      'ACME 佐藤様',
    ]);
    const summary = panel.locator('.notta-panel__section--summary');
    expect(await summary.locator('h3').textContent()).toBe(pluginEn.panelSummary);
    expect(await summary.locator('p').textContent()).toBe(
      '新プランの導入時期を確認し、12 月からの試験運用で合意しました。',
    );
    const actions = panel.locator('.notta-panel__section--actions');
    expect(await actions.locator('h3').textContent()).toBe(pluginEn.panelActionItems);
    expect(await actions.locator('li').allInnerTexts()).toEqual([
      '見積書を送付する(山田、11/5 まで)',
      '導入スケジュール案を作成する(鈴木)',
    ]);
    expect(await panel.getByRole('link', { name: pluginEn.panelOpenInNotta }).getAttribute('href')).toBe(
      'https://app.notta.ai/recordings/mtg-2026-1101-acme',
    );

    // The transcript starts collapsed: no search box until it is opened.
    const transcript = panel.locator('details.notta-panel__transcript');
    expect(await transcript.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await transcript.locator('summary').textContent()).toBe(pluginEn.panelTranscript(3));
    const search = panel.getByRole('searchbox', { name: pluginEn.panelSearch });
    expect(await search.count()).toBe(0);
    await transcript.locator('summary').click();
    await search.waitFor();
    const lines = transcript.locator('li.notta-panel__line');
    expect(await lines.count()).toBe(3);
    expect(await lines.first().locator('time').textContent()).toBe('00:00:05');
    expect(await lines.first().locator('.notta-panel__speaker').textContent()).toBe('山田');
    expect(await panel.locator('mark').count()).toBe(0);

    await search.fill('よろしく');
    await expect.poll(() => transcript.getByRole('status').textContent()).toBe(pluginEn.panelMatches(2));
    expect(await transcript.locator('mark').allInnerTexts()).toEqual(['よろしく', 'よろしく']);
    expect(await lines.count()).toBe(2);
    await search.fill('試験運用');
    await expect.poll(() => transcript.getByRole('status').textContent()).toBe(pluginEn.panelOneMatch);
    await search.fill('よろしく');
    await expect.poll(() => transcript.getByRole('status').textContent()).toBe(pluginEn.panelMatches(2));
    // No health notice while connected; the end user's page never holds the key.
    expect(await panel.locator('.notta-panel__notice').count()).toBe(0);
    expect(await emily.content()).not.toContain(pluginKey);
    const config = await emily.evaluate(
      (id) => (window as unknown as { kintone: KintoneForTests }).kintone.plugin.app.getConfig(id),
      PLUGIN_ID,
    );
    expect(config).toMatchObject({ nottaUrl: system.webUrl, panelSpace: 'notta_panel' });
    expect(JSON.stringify(config)).not.toContain(pluginKey);
    await panel.scrollIntoViewIfNeeded();
    await screenshot(emily, 'plugin-panel-en');
    await emily.context().close();
  });

  it('the panel in Japanese (suzuki, a plain user)', async () => {
    const suzuki = await newPage();
    await openSimPage(suzuki, `${system.simUrl}/k/1/show?record=1`, 'suzuki');
    await kintoneEventsDone(suzuki);
    const panel = suzuki.locator('#user-js-notta_panel').locator('.notta-panel');
    await panel.waitFor();
    expect(await panel.getAttribute('lang')).toBe('ja');
    expect(squashSpaces(await panel.locator('.notta-panel__meta').textContent())).toBe(
      '2026/11/01 10:00 · 45分',
    );
    expect(await panel.locator('h3').allInnerTexts()).toEqual([
      pluginJa.panelParticipants,
      pluginJa.panelSummary,
      pluginJa.panelActionItems,
    ]);
    const transcript = panel.locator('details.notta-panel__transcript');
    expect(await transcript.locator('summary').textContent()).toBe(pluginJa.panelTranscript(3));
    await transcript.locator('summary').click();
    await panel.getByRole('searchbox', { name: pluginJa.panelSearch }).fill('よろしく');
    await expect.poll(() => transcript.getByRole('status').textContent()).toBe(pluginJa.panelMatches(2));
    expect(await transcript.locator('mark').count()).toBe(2);
    await screenshot(suzuki, 'plugin-panel-ja');
    await suzuki.context().close();
  });

  it("a record's markup and script show as text: nothing runs, no element is created from the data", async () => {
    const admin = owner;
    await openSimPage(admin, `${system.simUrl}/k/1/`, 'administrator');
    await kintoneEventsDone(admin);
    const created = await admin.evaluate(
      ({ img, script }) => {
        const k = (window as unknown as { kintone: KintoneForTests }).kintone;
        return k.api(k.api.url('/k/v1/record.json'), 'POST', {
          app: 1,
          record: {
            meeting_id: { value: 'mtg-xss' },
            title: { value: `${img} Title` },
            start: { value: '2026-11-03T02:00:00Z' },
            duration: { value: '5' },
            participants: { value: `Mallory ${img}\nTrent` },
            summary: { value: `<p>Summary ${img} ${script} &lt;b&gt;escaped&lt;/b&gt;</p>` },
            action_items: { value: `${script}\nCheck ${img}` },
            transcript: {
              value: `[00:00:01] Mallory: ${img}\n[00:00:02] Trent: ${script}\n[00:00:03] Mallory: bye`,
            },
            recording_url: { value: 'https://app.notta.ai/recordings/mtg-xss' },
          },
        });
      },
      { img: IMG, script: SCRIPT },
    );
    xssRecordId = Number((created as { id: string }).id);
    expect(xssRecordId).toBeGreaterThan(2);

    const viewer = admin;
    await viewer.goto(`${system.simUrl}/k/1/show?record=${xssRecordId}`);
    await kintoneEventsDone(viewer);
    const panel = nottaPanel(viewer);
    await panel.waitFor();
    expect(await panel.locator('.notta-panel__meeting-title').textContent()).toBe(`${IMG} Title`);
    expect(await panel.locator('.notta-panel__section--participants li').allInnerTexts()).toEqual([
      `Mallory ${IMG}`,
      'Trent',
    ]);
    expect(await panel.locator('.notta-panel__section--actions li').allInnerTexts()).toEqual([
      SCRIPT,
      `Check ${IMG}`,
    ]);
    // Rich text is HTML (as Kintone stores it): its tags and scripts are dropped, escaped markup stays text.
    expect(squashSpaces(await panel.locator('.notta-panel__summary').textContent())).toBe(
      'Summary <b>escaped</b>',
    );
    expect(await panel.locator('.notta-panel__summary b').count()).toBe(0);
    const transcript = panel.locator('details.notta-panel__transcript');
    await transcript.locator('summary').click();
    const texts = transcript.locator('.notta-panel__text');
    await texts.first().waitFor();
    expect(await texts.allInnerTexts()).toEqual([IMG, SCRIPT, 'bye']);
    await panel.getByRole('searchbox', { name: pluginEn.panelSearch }).fill('onerror');
    await expect.poll(() => transcript.getByRole('status').textContent()).toBe(pluginEn.panelOneMatch);
    expect(await transcript.locator('mark').allInnerTexts()).toEqual(['onerror']);

    expect(await panel.locator('img, script, iframe, object, embed').count()).toBe(0);
    expect(await panel.locator('[onerror]').count()).toBe(0);
    expect(await viewer.locator('img[src="x"], [onerror]').count()).toBe(0);
    expect(await viewer.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined();
    await screenshot(viewer, 'plugin-panel-markup-en');
  });

  it('the list badge says Connected; after the owner revokes, the badge and the panel say revoked', async () => {
    const admin = owner;
    await admin.goto(`${system.simUrl}/k/1/`);
    await kintoneEventsDone(admin);
    const badge = admin.locator('#kintone-header-menu-space .notta-badge');
    await expect
      .poll(() => badge.locator('.notta-badge__status').textContent())
      .toBe(pluginEn.badgeConnected);
    expect(await badge.getAttribute('data-state')).toBe('connected');

    const api = await nottaApi(admin.context(), system.webUrl, ACME);
    const revoked = await api.call('POST', '/revoke');
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ state: 'revoked' });

    // A fresh tab (the badge caches a healthy answer for 60 s in the tab's sessionStorage).
    const list = await admin.context().newPage();
    await list.goto(`${system.simUrl}/k/1/`);
    await kintoneEventsDone(list);
    const listBadge = list.locator('#kintone-header-menu-space .notta-badge');
    await expect
      .poll(() => listBadge.locator('.notta-badge__status').textContent())
      .toBe(pluginEn.badgeRevoked);
    expect(await listBadge.getAttribute('data-state')).toBe('revoked');
    await listBadge.locator('summary').click();
    await expectText(listBadge, pluginEn.revokedTitle);
    await expectText(listBadge, pluginEn.revokedFix);
    await screenshot(list, 'plugin-list-revoked-en');

    await list.goto(`${system.simUrl}/k/1/show?record=1`);
    await kintoneEventsDone(list);
    const notice = list.locator('#user-js-notta_panel .notta-panel .notta-panel__notice');
    await notice.waitFor();
    expect(await notice.locator('strong').textContent()).toBe(pluginEn.revokedTitle);
    expect(await notice.locator('p').allInnerTexts()).toEqual([pluginEn.revokedCause, pluginEn.revokedFix]);
    expect(await nottaPanel(list).getAttribute('data-health')).toBe('revoked');
    await screenshot(list, 'plugin-panel-revoked-en');

    // In Japanese too (suzuki).
    const suzuki = await newPage();
    await openSimPage(suzuki, `${system.simUrl}/k/1/`, 'suzuki');
    await kintoneEventsDone(suzuki);
    await expect
      .poll(() => suzuki.locator('.notta-badge .notta-badge__status').textContent())
      .toBe(pluginJa.badgeRevoked);
    await suzuki.goto(`${system.simUrl}/k/1/show?record=1`);
    await expect
      .poll(() => suzuki.locator('.notta-panel__notice strong').textContent())
      .toBe(pluginJa.revokedTitle);
  });
});

/** The slice of the stand-in's `kintone` global these tests call from the page. */
interface KintoneForTests {
  plugin: {
    app: {
      getConfig(id: string): Record<string, string>;
      getProxyConfig(url: string, method: string): { headers: Record<string, string> } | null;
    };
  };
  api: ((url: string, method: string, params: unknown) => Promise<unknown>) & {
    url(path: string): string;
  };
}
