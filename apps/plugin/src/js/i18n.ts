import { type Locale, resolveLocale } from '@notta/shared';

/** English texts. Every key must also exist in `ja` (the type below enforces it). */
const en = {
  panelTitle: 'Notta',
  panelNotConfigured:
    'Notta for Kintone is installed but not configured yet. An app administrator can set it up under App Settings > Plug-ins.',
  panelInvalidConfig:
    'The Notta URL saved in the plug-in settings is not valid. Ask an app administrator to correct it under App Settings > Plug-ins.',
  panelConfigured: 'Linked to Notta at {host}. Meeting summaries and transcripts will appear here.',
  configTitle: 'Notta for Kintone settings',
  configIntro: 'Link this app to your Notta workspace.',
  nottaUrlLabel: 'Notta URL',
  nottaUrlHint:
    'The https address of your Notta workspace, for example https://app.notta.ai. Do not enter passwords or API keys here: plug-in settings can be read by everyone who uses this app.',
  urlRequired: 'Enter the Notta URL.',
  urlNotHttps: 'The Notta URL must start with https://.',
  urlInvalid: 'Enter a valid URL, for example https://app.notta.ai.',
  urlHasCredentials: 'The URL must not contain a user name or password.',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  saveFailed: 'The settings could not be saved. Try again.',
} satisfies Record<string, string>;

export type MessageKey = keyof typeof en;

const ja: Record<MessageKey, string> = {
  panelTitle: 'Notta',
  panelNotConfigured:
    'Notta for Kintone はインストールされていますが、まだ設定されていません。アプリの管理者が「アプリの設定」＞「プラグイン」から設定できます。',
  panelInvalidConfig:
    'プラグインの設定に保存された Notta の URL が正しくありません。「アプリの設定」＞「プラグイン」から修正するよう、アプリの管理者に依頼してください。',
  panelConfigured: 'Notta（{host}）と連携しています。ここに会議の要約と文字起こしが表示されます。',
  configTitle: 'Notta for Kintone の設定',
  configIntro: 'このアプリを Notta のワークスペースと連携します。',
  nottaUrlLabel: 'Notta の URL',
  nottaUrlHint:
    'Notta ワークスペースの https で始まるアドレスを入力してください（例: https://app.notta.ai）。プラグインの設定はこのアプリの利用者全員が参照できるため、パスワードや API キーは入力しないでください。',
  urlRequired: 'Notta の URL を入力してください。',
  urlNotHttps: 'Notta の URL は https:// で始めてください。',
  urlInvalid: '正しい URL を入力してください（例: https://app.notta.ai）。',
  urlHasCredentials: 'URL にユーザー名やパスワードを含めないでください。',
  save: '保存',
  saving: '保存中…',
  cancel: 'キャンセル',
  saveFailed: '設定を保存できませんでした。もう一度お試しください。',
};

export const dictionaries: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, ja };

export type Translate = (key: MessageKey, params?: Readonly<Record<string, string>>) => string;

export interface I18n {
  readonly locale: Locale;
  readonly t: Translate;
}

export function createI18n(locale: Locale): I18n {
  const dictionary = dictionaries[locale];
  const t: Translate = (key, params = {}) =>
    dictionary[key].replace(/\{(\w+)\}/g, (match, name: string) => params[name] ?? match);
  return { locale, t };
}

/** The part of the `kintone` global that tells us the user's language. */
export interface LoginUserSource {
  getLoginUser(): { language?: string | null };
}

/** Picks the language from the signed-in Kintone user's setting (`ja`, `en`, `zh`, …); English otherwise. */
export function localeOf(source: LoginUserSource): Locale {
  let language: string | null | undefined;
  try {
    language = source.getLoginUser().language;
  } catch {
    language = undefined;
  }
  return resolveLocale(language ? [language] : []);
}

export function i18nFor(source: LoginUserSource): I18n {
  return createI18n(localeOf(source));
}
