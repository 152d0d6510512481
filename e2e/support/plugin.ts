import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { answerConsent, kintoneCard, nottaApi, en as nottaEn, signInToSim, simApi } from './notta.js';
import { repoRoot } from './process.js';

/** The built plug-in package and the ID its committed development key gives it (apps/plugin/README.md). */
export const PLUGIN_ZIP = path.join(repoRoot, 'apps', 'plugin', 'dist', 'plugin.zip');
export const PLUGIN_ID = 'pbpnclljjkbopelpgjiojnjcpdbonfhg';
export const PLUGIN_NAME = 'Notta for Kintone';
export const PLUGIN_KEY_HEADER = 'X-Notta-Plugin-Key';

/**
 * The plug-in's texts, copied exactly from apps/plugin/src/js/i18n.ts and the shared error catalogue
 * (packages/shared/src/errors/catalogue.ts), plus the mapping labels from packages/shared/src/kintone/
 * meeting-mapping.ts. Literals on purpose: a changed wording must fail a test.
 */
export const pluginEn = {
  configTitle: 'Notta for Kintone settings',
  nottaUrlLabel: 'Notta URL',
  keyLabel: 'Plug-in key',
  keySaved: 'A plug-in key is saved.',
  testConnection: 'Test connection',
  testOk: (workspace: string, tenant: string) => `Connected to the workspace “${workspace}” for ${tenant}.`,
  mappingNotMapped: '— Not mapped —',
  requiredMeetingId: 'Choose a field for Meeting ID: it is required.',
  fixErrors: 'The settings were not saved. Correct the fields marked below.',
  placementHeader: 'Header menu space (top of the record)',
  placementSpace: (id: string) => `Blank space “${id}”`,
  save: 'Save',
  panelParticipants: 'Participants',
  panelSummary: 'Summary',
  panelActionItems: 'Action items',
  panelTranscript: (n: number) => `Transcript (${n} lines)`,
  panelSearch: 'Search the transcript',
  panelMatches: (n: number) => `${n} matches`,
  panelOneMatch: '1 match',
  panelOpenInNotta: 'Open in Notta',
  panelRecording: 'Recording',
  badgeConnected: 'Connected',
  badgeRevoked: 'Revoked',
  revokedTitle: 'The Kintone connection was revoked',
  revokedCause:
    'An owner or admin of the Notta workspace revoked its Kintone authorization, which also disabled its plug-in keys.',
  revokedFix:
    'What to do: Ask a workspace owner or admin to set up Kintone again in Notta, then create a new plug-in key.',
} as const;

export const pluginJa = {
  configTitle: 'Notta for Kintone の設定',
  nottaUrlLabel: 'Notta の URL',
  keySaved: 'プラグインキーは保存済みです。',
  testConnection: '接続をテスト',
  testOk: (workspace: string, tenant: string) =>
    `ワークスペース「${workspace}」（${tenant}）に接続しました。`,
  sectionMapping: 'フィールドの対応付け',
  panelParticipants: '参加者',
  panelSummary: '要約',
  panelActionItems: 'アクションアイテム',
  panelTranscript: (n: number) => `文字起こし（${n} 行）`,
  panelSearch: '文字起こしを検索',
  panelMatches: (n: number) => `${n} 件一致`,
  badgeRevoked: '取り消し済み',
  revokedTitle: 'kintone 連携は取り消されています',
} as const;

/** Waits until the stand-in has run the page's event handlers (`data-kintone-sim-event="done"`). */
export async function kintoneEventsDone(page: Page): Promise<void> {
  await page.locator('html[data-kintone-sim-event="done"]').waitFor({ state: 'attached' });
}

/** Opens a stand-in page, signing in as `user` if the stand-in asks. */
export async function openSimPage(page: Page, url: string, user: string): Promise<void> {
  await page.goto(url);
  if (new URL(page.url()).pathname === '/login') await signInToSim(page, user);
}

/** The Notta panel on a record page (a region named "Notta"). */
export function nottaPanel(page: Page): Locator {
  return page.locator('.notta-panel');
}

/** White space (including the narrow no-break space ICU puts before AM/PM) as single spaces. */
export function squashSpaces(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Steps 1–4 of the Notta setup through the owner's API session, the stand-in's consent in the browser as
 * `administrator` (the context then holds both sessions). Ends authorized.
 */
export async function authorizeWorkspaceQuickly(
  owner: Page,
  urls: { webUrl: string; simUrl: string },
  workspaceName: string,
): Promise<void> {
  const api = await nottaApi(owner.context(), urls.webUrl, workspaceName);
  const view = (await api.call('GET', '')).body as {
    facts: { clientName: string; clientLogoUrl: string; redirectEndpoint: string };
  };
  const clientName = view.facts.clientName;
  const logo = await owner.context().request.get(new URL(view.facts.clientLogoUrl, urls.webUrl).toString());
  const client = (await simApi(urls.simUrl, 'POST', '/oauth/clients', {
    name: clientName,
    redirectUri: view.facts.redirectEndpoint,
    logo: `data:image/png;base64,${(await logo.body()).toString('base64')}`,
    users: ['administrator'],
  })) as { clientId: string; clientSecret: string; authorizationEndpoint: string };
  expect((await api.call('POST', '/client-added')).status).toBe(200);
  expect((await api.call('POST', '/users-configured')).status).toBe(200);
  const linked = await api.call('PUT', '/credentials', {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    authorizationEndpoint: client.authorizationEndpoint,
  });
  expect(linked.status).toBe(200);
  expect((await api.call('PUT', '/ip-restriction', { usesIpRestriction: false })).status).toBe(200);
  const started = await api.call('POST', '/authorize');
  expect(started.status).toBe(200);
  await owner.goto(String(started.body.authorizationUrl));
  await signInToSim(owner, 'administrator');
  await answerConsent(owner, 'Allow', clientName);
  await owner.getByRole('heading', { level: 1, name: nottaEn.authorizedTitle }).waitFor();
  await owner.goto(`${urls.webUrl}/integrations`);
  await kintoneCard(owner).getByText(nottaEn.connected, { exact: true }).first().waitFor();
}
