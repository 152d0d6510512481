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
  configIntro:
    'Link this app to your Notta workspace, choose which fields Notta writes meetings to, and where the Notta panel appears.',
  sectionConnection: 'Connection',
  sectionMapping: 'Field mapping',
  sectionPlacement: 'Panel placement',
  nottaUrlLabel: 'Notta URL',
  nottaUrlHint:
    'The https address of your Notta workspace, for example https://app.notta.ai. Do not enter passwords or API keys here: plug-in settings can be read by everyone who uses this app.',
  urlRequired: 'Enter the Notta URL.',
  urlNotHttps:
    'The Notta URL must start with https:// (http:// only for localhost or 127.0.0.1 during development).',
  urlInvalid: 'Enter a valid URL, for example https://app.notta.ai.',
  urlHasCredentials: 'The URL must not contain a user name or password.',
  keyLabel: 'Plug-in key',
  keyHint:
    'Create a plug-in key in Notta (Integrations & Apps → Kintone → Plug-in keys). Kintone keeps it in the plug-in proxy settings and adds it to calls to Notta on the server: it is never stored in the app settings or sent to users’ browsers.',
  keySaved: 'A plug-in key is saved.',
  keyReplace: 'Replace',
  keyKeep: 'Keep the saved key',
  keyRequired: 'Enter the plug-in key.',
  keyAgainForNewUrl: 'The Notta URL changed: enter the plug-in key again.',
  keyTooShort: 'This does not look like a plug-in key. Copy the whole key from Notta.',
  testConnection: 'Test connection',
  testing: 'Testing…',
  testOk: 'Connected to the workspace “{workspace}” for {tenant}.',
  testNeedsUrl: 'Enter a valid Notta URL first.',
  testNeedsKey: 'Enter the plug-in key first.',
  testSavedKeyNote: 'While a key is saved, Kintone uses the saved key for the test.',
  problemCause: 'Cause: {text}',
  problemFix: 'What to do: {text}',
  mappingIntro:
    'Choose the Kintone field for each Notta meeting field. Only fields of a matching type are offered.',
  mappingNotMapped: '— Not mapped —',
  mappingLoading: 'Loading the app’s fields…',
  mappingLoadFailed: 'The app’s fields could not be read: {message}',
  mappingRequired: 'Required',
  mappingTypes: 'Field types: {types}',
  mappingMeetingIdHint:
    'Required: a Text field with “Prohibit duplicate values” on. Notta finds a meeting’s record by it, so meetings are updated instead of duplicated.',
  mappingNoCompatible: 'This app has no field of a matching type. Add one in the app’s form settings.',
  mappingNoUniqueText:
    'This app has no Text field with “Prohibit duplicate values” on. Add one (or turn the option on) in the app’s form settings, then reload this page.',
  problemRequired: 'Choose a field for {field}: it is required.',
  problemUnknownField: 'The field “{code}” no longer exists in this app.',
  problemWrongType: 'The field “{code}” is a {type} field; {field} needs {expected}.',
  problemNotUnique: 'The field “{code}” does not have “Prohibit duplicate values” on.',
  problemUsedTwice: 'The field “{code}” is already used for another Notta field.',
  placementLabel: 'Where the Notta panel appears on the record page',
  placementHeader: 'Header menu space (top of the record)',
  placementSpace: 'Blank space “{id}”',
  placementHint:
    'Add a Blank space field with an element ID in the app’s form settings to place the panel inside the form.',
  placementMissing: 'The blank space “{id}” is no longer in the form. Choose another place.',
  fixErrors: 'The settings were not saved. Correct the fields marked below.',
  linkFailed: 'Notta did not accept the app link, so nothing was saved.',
  save: 'Save',
  saving: 'Saving…',
  cancel: 'Cancel',
  saveFailed: 'The settings could not be saved. Try again.',
  fieldTypeSINGLE_LINE_TEXT: 'Text',
  fieldTypeMULTI_LINE_TEXT: 'Text area',
  fieldTypeRICH_TEXT: 'Rich text',
  fieldTypeNUMBER: 'Number',
  fieldTypeDATETIME: 'Date and time',
  fieldTypeLINK: 'Link',
  or: ' or ',
  panelEmpty:
    'No Notta meeting is in this record yet. When Notta writes a meeting here, its summary, action items and transcript appear in this panel.',
  panelStart: 'Start',
  panelDuration: 'Duration',
  panelParticipants: 'Participants',
  panelSummary: 'Summary',
  panelActionItems: 'Action items',
  panelTranscript: 'Transcript ({count} lines)',
  panelSearch: 'Search the transcript',
  panelMatches: '{count} matches',
  panelOneMatch: '1 match',
  panelNoMatches: 'No matches',
  panelShowMore: 'Show more ({count} more lines)',
  panelOpenInNotta: 'Open in Notta',
  panelRecording: 'Recording',
  minutes: '{m} min',
  hoursMinutes: '{h} h {m} min',
  badgeLabel: 'Notta',
  badgeConnected: 'Connected',
  badgeNeedsAttention: 'Needs attention',
  badgeRevoked: 'Revoked',
  badgeNotLinked: 'Not linked',
  badgeNotConfigured: 'Not set up',
  badgeChecking: 'Checking…',
  badgeError: 'Error',
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
  configIntro:
    'このアプリを Notta のワークスペースと連携し、会議を書き込むフィールドと Notta パネルの表示位置を設定します。',
  sectionConnection: '接続',
  sectionMapping: 'フィールドの対応付け',
  sectionPlacement: 'パネルの表示位置',
  nottaUrlLabel: 'Notta の URL',
  nottaUrlHint:
    'Notta ワークスペースの https で始まるアドレスを入力してください（例: https://app.notta.ai）。プラグインの設定はこのアプリの利用者全員が参照できるため、パスワードや API キーは入力しないでください。',
  urlRequired: 'Notta の URL を入力してください。',
  urlNotHttps:
    'Notta の URL は https:// で始めてください（http:// は開発用の localhost と 127.0.0.1 のみ使用できます）。',
  urlInvalid: '正しい URL を入力してください（例: https://app.notta.ai）。',
  urlHasCredentials: 'URL にユーザー名やパスワードを含めないでください。',
  keyLabel: 'プラグインキー',
  keyHint:
    'Notta（連携とアプリ → kintone → プラグインキー）でプラグインキーを作成してください。キーは kintone のプラグインプロキシ設定に保存され、Notta への通信時にサーバー側で付与されます。アプリの設定には保存されず、利用者のブラウザーにも送られません。',
  keySaved: 'プラグインキーは保存済みです。',
  keyReplace: '変更する',
  keyKeep: '保存済みのキーを使う',
  keyRequired: 'プラグインキーを入力してください。',
  keyAgainForNewUrl: 'Notta の URL が変わったため、プラグインキーをもう一度入力してください。',
  keyTooShort: 'プラグインキーの形式ではありません。Notta からキー全体をコピーしてください。',
  testConnection: '接続をテスト',
  testing: 'テスト中…',
  testOk: 'ワークスペース「{workspace}」（{tenant}）に接続しました。',
  testNeedsUrl: '先に正しい Notta の URL を入力してください。',
  testNeedsKey: '先にプラグインキーを入力してください。',
  testSavedKeyNote: 'キーが保存されている間、テストには保存済みのキーが使われます。',
  problemCause: '原因: {text}',
  problemFix: '対処: {text}',
  mappingIntro:
    'Notta の会議フィールドごとに、書き込み先の kintone フィールドを選んでください。型の合うフィールドだけが表示されます。',
  mappingNotMapped: '― 対応付けない ―',
  mappingLoading: 'アプリのフィールドを読み込んでいます…',
  mappingLoadFailed: 'アプリのフィールドを読み込めませんでした: {message}',
  mappingRequired: '必須',
  mappingTypes: 'フィールドの種類: {types}',
  mappingMeetingIdHint:
    '必須: 「値の重複を禁止する」を有効にした文字列（1行）フィールド。Notta はこの値で会議のレコードを探すため、会議が重複せず更新されます。',
  mappingNoCompatible: 'このアプリには型の合うフィールドがありません。フォームの設定で追加してください。',
  mappingNoUniqueText:
    'このアプリには「値の重複を禁止する」を有効にした文字列（1行）フィールドがありません。フォームの設定で追加する（またはオプションを有効にする）と、このページを再読み込みしてください。',
  problemRequired: '{field} のフィールドを選んでください（必須）。',
  problemUnknownField: 'フィールド「{code}」はこのアプリにもうありません。',
  problemWrongType: 'フィールド「{code}」は {type} です。{field} には {expected} が必要です。',
  problemNotUnique: 'フィールド「{code}」は「値の重複を禁止する」が有効ではありません。',
  problemUsedTwice: 'フィールド「{code}」は別の Notta フィールドに使われています。',
  placementLabel: 'レコード画面で Notta パネルを表示する場所',
  placementHeader: 'ヘッダーメニューのスペース（レコードの上部）',
  placementSpace: 'スペース「{id}」',
  placementHint:
    'フォームの中に表示するには、フォームの設定で要素 ID を付けたスペースフィールドを追加してください。',
  placementMissing: 'スペース「{id}」はフォームにもうありません。別の場所を選んでください。',
  fixErrors: '設定は保存されていません。下の印の付いた項目を修正してください。',
  linkFailed: 'Notta がアプリの連携を受け付けなかったため、何も保存されていません。',
  save: '保存',
  saving: '保存中…',
  cancel: 'キャンセル',
  saveFailed: '設定を保存できませんでした。もう一度お試しください。',
  fieldTypeSINGLE_LINE_TEXT: '文字列（1行）',
  fieldTypeMULTI_LINE_TEXT: '文字列（複数行）',
  fieldTypeRICH_TEXT: 'リッチエディター',
  fieldTypeNUMBER: '数値',
  fieldTypeDATETIME: '日時',
  fieldTypeLINK: 'リンク',
  or: 'または',
  panelEmpty:
    'このレコードにはまだ Notta の会議がありません。Notta が会議を書き込むと、要約・アクションアイテム・文字起こしがこのパネルに表示されます。',
  panelStart: '開始日時',
  panelDuration: '所要時間',
  panelParticipants: '参加者',
  panelSummary: '要約',
  panelActionItems: 'アクションアイテム',
  panelTranscript: '文字起こし（{count} 行）',
  panelSearch: '文字起こしを検索',
  panelMatches: '{count} 件一致',
  panelOneMatch: '1 件一致',
  panelNoMatches: '一致なし',
  panelShowMore: 'さらに表示（残り {count} 行）',
  panelOpenInNotta: 'Notta で開く',
  panelRecording: '録音',
  minutes: '{m}分',
  hoursMinutes: '{h}時間{m}分',
  badgeLabel: 'Notta',
  badgeConnected: '連携中',
  badgeNeedsAttention: '要確認',
  badgeRevoked: '取り消し済み',
  badgeNotLinked: '未連携',
  badgeNotConfigured: '未設定',
  badgeChecking: '確認中…',
  badgeError: 'エラー',
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
  getLoginUser(): { language?: string | null; timezone?: string | null };
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

/** The signed-in user's time zone (Kintone's personal setting), if the browser knows it. */
export function timeZoneOf(source: LoginUserSource): string | undefined {
  try {
    const zone = source.getLoginUser().timezone;
    if (!zone) return undefined;
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return undefined;
  }
}
