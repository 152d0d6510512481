import { z } from 'zod';
import type { Localized } from '../i18n.js';

/** Every Kintone OAuth scope (kintone.dev "OAuth permission scope"; cybozu.dev lists the same six). */
export const kintoneScopes = [
  'k:app_record:read',
  'k:app_record:write',
  'k:app_settings:read',
  'k:app_settings:write',
  'k:file:read',
  'k:file:write',
] as const;
export type KintoneScope = (typeof kintoneScopes)[number];
export const kintoneScopeSchema = z.enum(kintoneScopes);

/** What each scope lets the connected user's token do, for consent and settings screens. */
export const kintoneScopeDescriptions: Readonly<Record<KintoneScope, Localized>> = {
  'k:app_record:read': {
    en: 'Read records and their comments',
    ja: 'レコードとコメントの取得',
  },
  'k:app_record:write': {
    en: 'Add, update and delete records; add and delete comments; change statuses and assignees',
    ja: 'レコードの登録・更新・削除、コメントの投稿・削除、ステータスと作業者の変更',
  },
  'k:app_settings:read': {
    en: 'Read app settings: apps, form fields and layout, views, permissions and other settings',
    ja: 'アプリの設定の取得(アプリ情報、フォームのフィールドとレイアウト、一覧、アクセス権など)',
  },
  'k:app_settings:write': {
    en: 'Change app settings and deploy them to the live app',
    ja: 'アプリの設定の変更と運用環境への反映',
  },
  'k:file:read': {
    en: 'Download files',
    ja: 'ファイルのダウンロード',
  },
  'k:file:write': {
    en: 'Upload files',
    ja: 'ファイルのアップロード',
  },
};

/**
 * The scopes Notta asks for: list apps and fields (settings read), read and upsert meeting records,
 * and upload attachments. Never settings write or file read: Notta does not change apps or download files.
 */
export const KINTONE_INTEGRATION_SCOPES = [
  'k:app_record:read',
  'k:app_record:write',
  'k:app_settings:read',
  'k:file:write',
] as const satisfies readonly KintoneScope[];

/** The `scope` parameter of the authorization URL: space-separated, each scope once, in the order given. */
export function formatScopeParam(scopes: readonly KintoneScope[]): string {
  return [...new Set(scopes)].join(' ');
}
