import type { Localized } from '../i18n.js';

/** The four steps of the Kintone setup wizard; a catalogue entry links to the one that fixes it. */
export const setupSteps = ['add-client', 'configure-users', 'link-client', 'authorize'] as const;
export type SetupStep = (typeof setupSteps)[number];

export interface CatalogueEntry {
  /** Stable, never reused: clients and support articles key on it. */
  readonly code: string;
  /** HTTP status the backend answers with when this is the outcome of a request. */
  readonly status: number;
  readonly title: Localized;
  readonly cause: Localized;
  readonly fix: Localized;
  /** The setup step whose screen fixes it, or null when no setup step does. */
  readonly step: SetupStep | null;
  /** The exact English text Kintone's own screen shows for this failure, so users can match what they saw. */
  readonly kintoneMessage?: string;
}

// `const` keeps each entry's literal types (code, kintoneMessage) visible to callers.
const entry = <const E extends CatalogueEntry>(e: E) => e;

// Fixes several entries share, so the same advice reads the same everywhere.
const copyEndpointFromKintone: Localized = {
  en: 'In Kintone, open Users & System Administration → Integrations → OAuth, click the pencil icon next to the Notta client, and copy its Authorization endpoint, for example https://example.cybozu.com/oauth2/authorization.',
  ja: 'kintone の「cybozu.com 共通管理」の「OAuth」で Notta のクライアントの鉛筆の形をした編集アイコンをクリックし、「認可エンドポイント」をコピーしてください(例: https://example.cybozu.com/oauth2/authorization)。',
};
const startAgain: Localized = {
  en: 'Start again from Integrations & Apps → Kintone in Notta, in the same browser, and finish within a few minutes.',
  ja: 'Notta の「Integrations & Apps」→「Kintone」から、同じブラウザーでもう一度やり直し、数分以内に完了してください。',
};
const reconnect: Localized = {
  en: 'Reconnect your Kintone account in Notta (Integrations & Apps → Kintone → Connect). If that fails too, ask a cybozu.com administrator to check that you are ticked in Configure users for the Notta OAuth client.',
  ja: 'Notta の「Integrations & Apps」→「Kintone」→「Connect」から kintone アカウントを接続し直してください。それでも失敗する場合は、cybozu.com 共通管理者に、Notta の OAuth クライアントの利用ユーザーとして設定されているか確認を依頼してください。',
};

/**
 * Every failure a user can meet. Add entries as features arrive; never rename or reuse a code.
 */
export const errorCatalogue = {
  REQUEST_INVALID: entry({
    code: 'REQUEST_INVALID',
    status: 400,
    title: { en: 'The request is not valid', ja: 'リクエストが正しくありません' },
    cause: {
      en: 'Some of the values sent are missing or malformed: {fields}.',
      ja: '送信された値の一部が不足しているか、形式が正しくありません: {fields}。',
    },
    fix: {
      en: 'Correct the values named above and try again.',
      ja: '上に示した値を修正して、もう一度お試しください。',
    },
    step: null,
  }),
  NOT_FOUND: entry({
    code: 'NOT_FOUND',
    status: 404,
    title: { en: 'Not found', ja: '見つかりません' },
    cause: {
      en: 'There is nothing at this address.',
      ja: 'このアドレスには何もありません。',
    },
    fix: {
      en: 'Check the address, or go back to the start page.',
      ja: 'アドレスを確認するか、トップページに戻ってください。',
    },
    step: null,
  }),
  DATABASE_UNAVAILABLE: entry({
    code: 'DATABASE_UNAVAILABLE',
    status: 503,
    title: { en: 'Notta is temporarily unavailable', ja: 'Notta は一時的に利用できません' },
    cause: {
      en: "Notta's database did not answer.",
      ja: 'Notta のデータベースが応答しませんでした。',
    },
    fix: {
      en: 'Try again in a minute. If it persists, contact Notta support.',
      ja: 'しばらくしてからもう一度お試しください。解決しない場合は Notta サポートにお問い合わせください。',
    },
    step: null,
  }),
  INTERNAL: entry({
    code: 'INTERNAL',
    status: 500,
    title: { en: 'Something went wrong', ja: '問題が発生しました' },
    cause: {
      en: 'Notta hit an unexpected error. Nothing was changed.',
      ja: 'Notta で予期しないエラーが発生しました。変更は行われていません。',
    },
    fix: {
      en: 'Try again. If it persists, contact Notta support with the request ID shown.',
      ja: 'もう一度お試しください。解決しない場合は、表示されているリクエスト ID を添えて Notta サポートにお問い合わせください。',
    },
    step: null,
  }),
  // Pasting the Authorization endpoint (setup step 3). Each bad paste gets its own code so the
  // field can say exactly what is wrong with what the admin pasted.
  KINTONE_ENDPOINT_EMPTY: entry({
    code: 'KINTONE_ENDPOINT_EMPTY',
    status: 400,
    title: { en: 'Enter the authorization endpoint', ja: '認可エンドポイントを入力してください' },
    cause: {
      en: 'The Authorization endpoint field is empty.',
      ja: '「認可エンドポイント」欄が空です。',
    },
    fix: copyEndpointFromKintone,
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_SCHEME_MISSING: entry({
    code: 'KINTONE_ENDPOINT_SCHEME_MISSING',
    status: 400,
    title: { en: 'The address is missing https://', ja: 'アドレスに https:// がありません' },
    cause: {
      en: 'The Authorization endpoint must be a full address starting with https://, but the value entered starts with the domain.',
      ja: '認可エンドポイントは https:// で始まる完全な URL である必要がありますが、入力された値はドメイン名から始まっています。',
    },
    fix: {
      en: 'Add https:// at the start, or copy the whole Authorization endpoint again, for example https://example.cybozu.com/oauth2/authorization.',
      ja: '先頭に https:// を付けるか、認可エンドポイント全体をもう一度コピーしてください(例: https://example.cybozu.com/oauth2/authorization)。',
    },
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_SCHEME_NOT_HTTPS: entry({
    code: 'KINTONE_ENDPOINT_SCHEME_NOT_HTTPS',
    status: 400,
    title: { en: 'The address must start with https://', ja: 'アドレスは https:// で始まる必要があります' },
    cause: {
      en: 'The address entered starts with “{scheme}:”. Kintone serves its authorization endpoint over https only.',
      ja: '入力されたアドレスは「{scheme}:」で始まっています。kintone の認可エンドポイントは https でのみ提供されます。',
    },
    fix: copyEndpointFromKintone,
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_MALFORMED: entry({
    code: 'KINTONE_ENDPOINT_MALFORMED',
    status: 400,
    title: { en: 'This is not a complete web address', ja: 'URL の形式が正しくありません' },
    cause: {
      en: 'After “https:” there must be “//” and your Kintone domain, as in https://example.cybozu.com/oauth2/authorization.',
      ja: '「https:」の後には「//」と kintone のドメインが必要です(例: https://example.cybozu.com/oauth2/authorization)。',
    },
    fix: copyEndpointFromKintone,
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_INVALID_CHARACTERS: entry({
    code: 'KINTONE_ENDPOINT_INVALID_CHARACTERS',
    status: 400,
    title: {
      en: 'The address contains spaces or characters that are not allowed',
      ja: 'アドレスに空白や使用できない文字が含まれています',
    },
    cause: {
      en: 'There is a space, line break, tab, backslash (\\) or invisible character inside the address. Kintone endpoints never contain these; they usually come along when text around the value is copied too.',
      ja: 'アドレスの途中に、空白、改行、タブ、バックスラッシュ(\\)、または目に見えない文字が含まれています。kintone のエンドポイントにこれらの文字は含まれません。値の前後の文字列まで一緒にコピーした場合によく起こります。',
    },
    fix: {
      en: 'Clear the field and paste the Authorization endpoint again, copying only the address itself.',
      ja: '欄を空にしてから、アドレスだけをコピーして認可エンドポイントを貼り付け直してください。',
    },
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_USERINFO: entry({
    code: 'KINTONE_ENDPOINT_USERINFO',
    status: 400,
    title: { en: 'The address contains an “@” before the domain', ja: 'ドメインの前に「@」が含まれています' },
    cause: {
      en: 'In a web address, anything before an “@” is a user name and the browser goes to the host after the “@”, so such an address can point away from Kintone. Kintone endpoints never contain one.',
      ja: 'URL の「@」より前の部分はユーザー名として扱われ、ブラウザーは「@」の後ろのホストに接続するため、kintone 以外の場所を指す可能性があります。kintone のエンドポイントに「@」は含まれません。',
    },
    fix: copyEndpointFromKintone,
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_IP_ADDRESS: entry({
    code: 'KINTONE_ENDPOINT_IP_ADDRESS',
    status: 400,
    title: { en: 'An IP address cannot be used here', ja: 'IP アドレスは使用できません' },
    cause: {
      en: 'The address uses an IP address instead of your Kintone domain. Kintone is reached only by its domain name, such as example.cybozu.com.',
      ja: 'アドレスに kintone のドメインではなく IP アドレスが使われています。kintone には example.cybozu.com のようなドメイン名でのみ接続できます。',
    },
    fix: copyEndpointFromKintone,
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN: entry({
    code: 'KINTONE_ENDPOINT_INTERNATIONALIZED_DOMAIN',
    status: 400,
    title: {
      en: 'The domain contains characters Kintone domains never use',
      ja: 'ドメインに kintone では使われない文字が含まれています',
    },
    cause: {
      en: 'The domain contains non-ASCII characters (such as full-width letters) or an internationalized “xn--” label. Kintone domains use only ASCII letters, digits and hyphens, so this address may be imitating a Kintone domain.',
      ja: 'ドメインに全角文字などの ASCII 以外の文字、または国際化ドメイン名(「xn--」で始まるラベル)が含まれています。kintone のドメインは半角英数字とハイフンだけで構成されるため、このアドレスは kintone のドメインを装っている可能性があります。',
    },
    fix: {
      en: 'Copy the Authorization endpoint from the OAuth client’s edit screen in Kintone instead of typing it, and check that it contains half-width characters only.',
      ja: '手入力せずに kintone の OAuth クライアントの編集画面から認可エンドポイントをコピーし、半角文字だけであることを確認してください。',
    },
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_PORT: entry({
    code: 'KINTONE_ENDPOINT_PORT',
    status: 400,
    title: { en: 'The address must not contain a port number', ja: 'アドレスにポート番号は指定できません' },
    cause: {
      en: 'The address includes a port number (“:{port}”). Kintone’s authorization endpoint never includes one.',
      ja: 'アドレスにポート番号(「:{port}」)が含まれています。kintone の認可エンドポイントにポート番号は含まれません。',
    },
    fix: {
      en: 'Remove “:{port}” from the address, or copy the Authorization endpoint again from the OAuth client’s edit screen in Kintone.',
      ja: 'アドレスから「:{port}」を削除するか、kintone の OAuth クライアントの編集画面から認可エンドポイントをもう一度コピーしてください。',
    },
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_NOT_KINTONE: entry({
    code: 'KINTONE_ENDPOINT_NOT_KINTONE',
    status: 400,
    title: { en: 'This is not a Kintone address', ja: 'kintone のアドレスではありません' },
    cause: {
      en: '“{host}” is not a Kintone domain. Notta accepts only addresses on cybozu.com, kintone.com or cybozu.cn, including the Secure Access forms on s.cybozu.com and s.kintone.com.',
      ja: '「{host}」は kintone のドメインではありません。Notta が受け付けるのは cybozu.com、kintone.com、cybozu.cn のアドレス(s.cybozu.com、s.kintone.com のセキュアアクセス用アドレスを含む)だけです。',
    },
    fix: {
      en: 'Copy the Authorization endpoint from the OAuth client’s edit screen in Kintone, for example https://example.cybozu.com/oauth2/authorization. Do not use a link from an email or another site.',
      ja: 'kintone の OAuth クライアントの編集画面から認可エンドポイントをコピーしてください(例: https://example.cybozu.com/oauth2/authorization)。メールや他のサイトのリンクは使用しないでください。',
    },
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_INVALID_SUBDOMAIN: entry({
    code: 'KINTONE_ENDPOINT_INVALID_SUBDOMAIN',
    status: 400,
    title: { en: 'The Kintone subdomain is not valid', ja: 'kintone のサブドメインが正しくありません' },
    cause: {
      en: 'The part before the Kintone domain must be one subdomain of 3 to 32 letters, digits or hyphens, with no dots and no hyphen at the start or end.',
      ja: 'kintone のドメインの前の部分(サブドメイン)は、3〜32 文字の半角英数字とハイフンからなる 1 つの名前で、ドット(.)を含まず、先頭と末尾がハイフンでない必要があります。',
    },
    fix: {
      en: 'Compare with the address you use to open Kintone, and copy the Authorization endpoint again from the OAuth client’s edit screen.',
      ja: '普段 kintone を開いているアドレスと見比べたうえで、OAuth クライアントの編集画面から認可エンドポイントをもう一度コピーしてください。',
    },
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_QUERY_OR_FRAGMENT: entry({
    code: 'KINTONE_ENDPOINT_QUERY_OR_FRAGMENT',
    status: 400,
    title: { en: 'Remove the “?” or “#” part', ja: '「?」または「#」以降を削除してください' },
    cause: {
      en: 'The address contains “?” or “#”. The Authorization endpoint is the bare address; Notta adds the parameters itself when it sends you to Kintone.',
      ja: 'アドレスに「?」または「#」が含まれています。認可エンドポイントはパラメーターを含まないアドレスで、必要なパラメーターは kintone へ移動する際に Notta が付加します。',
    },
    fix: {
      en: 'Enter only the address ending in /oauth2/authorization, with nothing after it.',
      ja: '/oauth2/authorization で終わるアドレスだけを、後ろに何も付けずに入力してください。',
    },
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_WRONG_PATH: entry({
    code: 'KINTONE_ENDPOINT_WRONG_PATH',
    status: 400,
    title: {
      en: 'The address must end in /oauth2/authorization',
      ja: 'アドレスは /oauth2/authorization で終わる必要があります',
    },
    cause: {
      en: 'The address is on a Kintone domain but does not end in exactly /oauth2/authorization. It may be the address of a Kintone page rather than the Authorization endpoint.',
      ja: 'kintone のドメインのアドレスですが、末尾が /oauth2/authorization と完全には一致していません。認可エンドポイントではなく、kintone の画面のアドレスである可能性があります。',
    },
    fix: {
      en: 'Copy the Authorization endpoint shown on the OAuth client’s edit screen, not the address in your browser’s address bar.',
      ja: 'ブラウザーのアドレスバーではなく、OAuth クライアントの編集画面に表示されている認可エンドポイントをコピーしてください。',
    },
    step: 'link-client',
  }),
  KINTONE_ENDPOINT_IS_TOKEN_ENDPOINT: entry({
    code: 'KINTONE_ENDPOINT_IS_TOKEN_ENDPOINT',
    status: 400,
    title: { en: 'This is the token endpoint', ja: 'トークンエンドポイントが入力されています' },
    cause: {
      en: 'The address ends in /oauth2/token, which is the Token endpoint. This field needs the Authorization endpoint.',
      ja: '入力されたアドレスは /oauth2/token で終わるトークンエンドポイントです。この欄には認可エンドポイントが必要です。',
    },
    fix: {
      en: 'On the OAuth client’s edit screen, copy the Authorization endpoint (ending in /oauth2/authorization) instead. Notta works out the token endpoint itself.',
      ja: 'OAuth クライアントの編集画面で、/oauth2/authorization で終わる「認可エンドポイント」をコピーしてください。トークンエンドポイントは Notta が自動で判断します。',
    },
    step: 'link-client',
  }),

  // The three messages Kintone's own screens show during setup (quoted in `kintoneMessage`).
  KINTONE_OAUTH_NOT_PERMITTED: entry({
    code: 'KINTONE_OAUTH_NOT_PERMITTED',
    status: 403,
    title: {
      en: 'This Kintone user is not allowed to use the Notta OAuth client',
      ja: 'この kintone ユーザーには Notta の OAuth クライアントの利用が許可されていません',
    },
    cause: {
      en: 'The Kintone user who signed in is not ticked in Configure users for the Notta OAuth client. Users added to Kintone after the client was set up are not ticked automatically.',
      ja: 'サインインした kintone ユーザーが、Notta の OAuth クライアントを利用するユーザーとして設定されていません。OAuth クライアントの設定後に kintone に追加されたユーザーは、自動では設定されません。',
    },
    fix: {
      en: 'A cybozu.com administrator opens Users & System Administration → Integrations → OAuth, clicks Configure users next to the Notta client, ticks this user and saves. Then try again.',
      ja: 'cybozu.com 共通管理者が「cybozu.com 共通管理」の「OAuth」を開き、Notta のクライアントの利用ユーザーの設定でこのユーザーにチェックを入れて保存してから、もう一度お試しください。',
    },
    step: 'configure-users',
    kintoneMessage:
      'You do not have permission to use OAuth. Ask your administrator to configure the necessary settings.',
  }),
  KINTONE_REDIRECT_URI_INVALID: entry({
    code: 'KINTONE_REDIRECT_URI_INVALID',
    status: 400,
    title: {
      en: 'Kintone did not accept Notta’s redirect endpoint',
      ja: 'kintone が Notta のリダイレクトエンドポイントを受け付けませんでした',
    },
    cause: {
      en: 'The Redirect endpoint saved on the Notta OAuth client in Kintone is not exactly the one Notta uses. It must match character for character: https, host, path, no trailing slash and no spaces.',
      ja: 'kintone の Notta 用 OAuth クライアントに保存されているリダイレクトエンドポイントが、Notta が使用するものと完全には一致していません。https、ホスト名、パス、末尾のスラッシュや空白の有無まで、1 文字ずつ一致している必要があります。',
    },
    fix: {
      en: 'In Users & System Administration → Integrations → OAuth, click the pencil icon next to the Notta client, replace the Redirect endpoint with the one shown in step 1 of Notta’s setup, and save.',
      ja: '「cybozu.com 共通管理」の「OAuth」で Notta のクライアントの鉛筆の形をした編集アイコンをクリックし、リダイレクトエンドポイントを Notta の設定手順 1 に表示されている値に置き換えて保存してください。',
    },
    step: 'add-client',
    kintoneMessage: 'The redirect_uri parameter is not valid.',
  }),
  KINTONE_ACCESS_FORBIDDEN: entry({
    code: 'KINTONE_ACCESS_FORBIDDEN',
    status: 403,
    title: {
      en: 'Kintone blocked the connection by IP address',
      ja: 'IP アドレス制限により kintone への接続が拒否されました',
    },
    cause: {
      en: 'Your Kintone domain accepts connections only from allowed IP addresses (Access Control), and this connection came from an address that is not on the list.',
      ja: 'kintone の IP アドレス制限により、許可された IP アドレスからの接続だけが受け付けられています。今回の接続元の IP アドレスは許可リストに含まれていません。',
    },
    fix: {
      en: 'A cybozu.com administrator adds Notta’s IP address / CIDR shown in step 4 of Notta’s setup (and, if needed, the address of the browser being used) under Users & System Administration → Access Control → Allow specific IP addresses, then tries again.',
      ja: 'cybozu.com 共通管理者が、Notta の設定手順 4 に表示されている IP アドレス / CIDR(必要に応じて、使用しているブラウザーの接続元 IP アドレスも)を IP アドレス制限の許可リストに追加してから、もう一度お試しください。',
    },
    step: 'authorize',
    kintoneMessage: 'Access Forbidden.',
  }),

  // The OAuth round trip (setup step 4, and each member's own Connect).
  KINTONE_CONSENT_DENIED: entry({
    code: 'KINTONE_CONSENT_DENIED',
    status: 403,
    title: { en: 'Access to Kintone was not allowed', ja: 'kintone へのアクセスが許可されませんでした' },
    cause: {
      en: 'Notta was not allowed on Kintone’s consent screen, so nothing was connected.',
      ja: 'kintone の同意画面で Notta へのアクセスが許可されなかったため、連携は行われていません。',
    },
    fix: {
      en: 'To connect, start again and click Allow on Kintone’s consent screen.',
      ja: '連携する場合は、もう一度やり直し、kintone の同意画面でアクセスを許可してください。',
    },
    step: 'authorize',
  }),
  KINTONE_OAUTH_STATE_MISSING: entry({
    code: 'KINTONE_OAUTH_STATE_MISSING',
    status: 400,
    title: {
      en: 'This Kintone response cannot be matched to a connection attempt',
      ja: 'kintone からの応答を接続操作と照合できません',
    },
    cause: {
      en: 'Kintone returned to Notta without the one-time state value Notta sends, which happens when Notta’s return address is opened directly or from a bookmark.',
      ja: 'kintone から Notta に戻る際に、Notta が送信した一時的な state の値が含まれていませんでした。Notta の戻り先アドレスを直接開いたり、ブックマークから開いたりすると発生します。',
    },
    fix: startAgain,
    step: 'authorize',
  }),
  KINTONE_OAUTH_STATE_INVALID: entry({
    code: 'KINTONE_OAUTH_STATE_INVALID',
    status: 400,
    title: { en: 'This Kintone response is not recognized', ja: 'kintone からの応答を確認できません' },
    cause: {
      en: 'The state value returned by Kintone is not one Notta issued, or it was altered on the way.',
      ja: 'kintone から返された state の値が Notta の発行したものではないか、途中で変更されています。',
    },
    fix: startAgain,
    step: 'authorize',
  }),
  KINTONE_OAUTH_STATE_EXPIRED: entry({
    code: 'KINTONE_OAUTH_STATE_EXPIRED',
    status: 400,
    title: { en: 'The Kintone sign-in took too long', ja: 'kintone へのサインインの有効期限が切れました' },
    cause: {
      en: 'Too much time passed between leaving Notta and returning from Kintone, so the one-time connection attempt expired.',
      ja: 'Notta から kintone に移動してから戻るまでに時間がかかりすぎたため、今回の接続操作の有効期限が切れました。',
    },
    fix: startAgain,
    step: 'authorize',
  }),
  KINTONE_OAUTH_STATE_REUSED: entry({
    code: 'KINTONE_OAUTH_STATE_REUSED',
    status: 400,
    title: {
      en: 'This Kintone response was already used',
      ja: 'この kintone からの応答はすでに使用されています',
    },
    cause: {
      en: 'Each connection attempt can be completed once. This page was reloaded, or reached again with the browser’s Back button.',
      ja: '1 回の接続操作は 1 度しか完了できません。このページが再読み込みされたか、ブラウザーの「戻る」で再度開かれました。',
    },
    fix: {
      en: 'Check the Kintone page in Notta: if the connection shows as connected, nothing more is needed. Otherwise start again from Integrations & Apps → Kintone.',
      ja: 'Notta の kintone の画面を確認し、接続済みと表示されていれば操作は不要です。表示されていない場合は、「Integrations & Apps」→「Kintone」からもう一度やり直してください。',
    },
    step: 'authorize',
  }),
  KINTONE_OAUTH_STATE_SESSION_MISMATCH: entry({
    code: 'KINTONE_OAUTH_STATE_SESSION_MISMATCH',
    status: 400,
    title: {
      en: 'This connection was started in another session',
      ja: 'この接続操作は別のセッションで開始されています',
    },
    cause: {
      en: 'The connection was started in a different browser, or by a different Notta user or workspace, from the one that finished it.',
      ja: '接続操作を開始したブラウザー、Notta ユーザー、またはワークスペースが、完了しようとしているものと異なります。',
    },
    fix: {
      en: 'Sign in to Notta in the same browser you use for Kintone, open the right workspace, and start again from Integrations & Apps → Kintone.',
      ja: 'kintone を使用しているのと同じブラウザーで Notta にサインインし、対象のワークスペースを開いて、「Integrations & Apps」→「Kintone」からもう一度やり直してください。',
    },
    step: 'authorize',
  }),
  KINTONE_CLIENT_INVALID: entry({
    code: 'KINTONE_CLIENT_INVALID',
    status: 400,
    title: {
      en: 'Kintone did not accept the client ID or client secret',
      ja: 'kintone がクライアント ID またはクライアントシークレットを受け付けませんでした',
    },
    cause: {
      en: 'The Client ID or Client secret saved in Notta does not match the OAuth client in Kintone, or that client was deleted.',
      ja: 'Notta に保存されているクライアント ID またはクライアントシークレットが kintone の OAuth クライアントと一致しないか、その OAuth クライアントが削除されています。',
    },
    fix: {
      en: 'Open the Notta client’s edit screen in Kintone (Users & System Administration → Integrations → OAuth, pencil icon), copy the Client ID and Client secret into step 3 again, and confirm.',
      ja: 'kintone の「cybozu.com 共通管理」の「OAuth」で Notta のクライアントの編集画面を開き、クライアント ID とクライアントシークレットを手順 3 にもう一度貼り付けて確定してください。',
    },
    step: 'link-client',
  }),
  KINTONE_AUTHORIZATION_CODE_INVALID: entry({
    code: 'KINTONE_AUTHORIZATION_CODE_INVALID',
    status: 400,
    title: {
      en: 'The authorization from Kintone expired or was already used',
      ja: 'kintone の認可コードの有効期限が切れたか、すでに使用されています',
    },
    cause: {
      en: 'Kintone’s authorization code is valid for about 10 minutes and can be used only once.',
      ja: 'kintone の認可コードの有効期限は約 10 分で、1 回しか使用できません。',
    },
    fix: startAgain,
    step: 'authorize',
  }),
  KINTONE_TOKEN_IP_FORBIDDEN: entry({
    code: 'KINTONE_TOKEN_IP_FORBIDDEN',
    status: 403,
    title: {
      en: 'Kintone refused Notta’s server by IP address',
      ja: 'IP アドレス制限により kintone が Notta のサーバーを拒否しました',
    },
    cause: {
      en: 'Kintone’s token endpoint answered 403 Forbidden to Notta’s server. This happens when Kintone’s IP address restriction does not allow Notta’s IP address / CIDR.',
      ja: 'kintone のトークンエンドポイントが Notta のサーバーに 403 Forbidden を返しました。kintone の IP アドレス制限で Notta の IP アドレス / CIDR が許可されていない場合に発生します。',
    },
    fix: {
      en: 'A cybozu.com administrator adds Notta’s IP address / CIDR shown in step 4 under Users & System Administration → Access Control → Allow specific IP addresses, then clicks Authorize & Connect again.',
      ja: 'cybozu.com 共通管理者が、手順 4 に表示されている Notta の IP アドレス / CIDR を IP アドレス制限の許可リストに追加してから、もう一度「Authorize & Connect」をクリックしてください。',
    },
    step: 'authorize',
  }),

  // Talking to a Kintone domain.
  KINTONE_UNREACHABLE: entry({
    code: 'KINTONE_UNREACHABLE',
    status: 502,
    title: { en: 'Notta could not reach Kintone', ja: 'Notta から kintone に接続できませんでした' },
    cause: {
      en: 'The connection to your Kintone domain failed. Kintone may be under maintenance, or the subdomain may have been renamed (the old address stops working).',
      ja: 'kintone のドメインへの接続に失敗しました。kintone がメンテナンス中か、サブドメインが変更された(変更前のアドレスは使用できなくなります)可能性があります。',
    },
    fix: {
      en: 'Check that Kintone opens in your browser. If your subdomain changed, enter the new Authorization endpoint in step 3; otherwise try again later.',
      ja: 'ブラウザーで kintone を開けるか確認してください。サブドメインが変更された場合は、手順 3 で新しい認可エンドポイントを入力してください。それ以外の場合は、しばらくしてからもう一度お試しください。',
    },
    step: null,
  }),
  KINTONE_TIMEOUT: entry({
    code: 'KINTONE_TIMEOUT',
    status: 504,
    title: { en: 'Kintone did not answer in time', ja: 'kintone から時間内に応答がありませんでした' },
    cause: {
      en: 'Your Kintone domain took too long to answer. It may be busy or under maintenance.',
      ja: 'kintone のドメインの応答に時間がかかりすぎました。混雑しているか、メンテナンス中の可能性があります。',
    },
    fix: {
      en: 'Try again in a few minutes. Meetings waiting to be sent are retried automatically.',
      ja: '数分後にもう一度お試しください。送信待ちの会議は自動的に再試行されます。',
    },
    step: null,
  }),
  KINTONE_RATE_LIMITED: entry({
    code: 'KINTONE_RATE_LIMITED',
    status: 429,
    title: { en: 'Kintone is limiting requests', ja: 'kintone へのリクエストが制限されています' },
    cause: {
      en: 'Kintone limits how many API requests a domain may run at the same time and how many an app may receive per day, and the limit was reached.',
      ja: 'kintone では、ドメインごとの同時 API リクエスト数と、アプリごとの 1 日の API リクエスト数に上限があり、その上限に達しました。',
    },
    fix: {
      en: 'Notta retries automatically. If this persists, wait for the daily limit to reset, or reduce other integrations calling the same Kintone app.',
      ja: 'Notta が自動的に再試行します。解決しない場合は、1 日の上限がリセットされるまでお待ちいただくか、同じ kintone アプリを呼び出している他の連携を減らしてください。',
    },
    step: null,
  }),

  // Kintone REST API answers (error code in the body: CB_OA01, CB_NO02, GAIA_RE01, CB_VA01).
  KINTONE_TOKEN_INVALID: entry({
    code: 'KINTONE_TOKEN_INVALID',
    status: 401,
    title: {
      en: 'Kintone no longer accepts this connection',
      ja: 'kintone がこの接続を受け付けなくなりました',
    },
    cause: {
      en: 'Kintone rejected the access for this connection (CB_OA01): it expired or was withdrawn in Kintone.',
      ja: 'kintone がこの接続のアクセス権を拒否しました(CB_OA01)。有効期限が切れたか、kintone 側で取り消されています。',
    },
    fix: reconnect,
    step: null,
  }),
  KINTONE_SCOPE_MISSING: entry({
    code: 'KINTONE_SCOPE_MISSING',
    status: 403,
    title: {
      en: 'This connection lacks a Kintone permission Notta needs',
      ja: 'この接続には Notta に必要な kintone の権限が不足しています',
    },
    cause: {
      en: 'Kintone answered “Cannot access protected resource” (CB_OA01): the connection was authorized with fewer OAuth scopes than this action needs.',
      ja: 'kintone から「Cannot access protected resource」(CB_OA01)が返されました。この接続は、この操作に必要な OAuth スコープより少ないスコープで認可されています。',
    },
    fix: {
      en: 'Reconnect your Kintone account in Notta and allow every permission shown on Kintone’s consent screen.',
      ja: 'Notta で kintone アカウントを接続し直し、kintone の同意画面に表示されるすべての権限を許可してください。',
    },
    step: null,
  }),
  KINTONE_NO_PERMISSION: entry({
    code: 'KINTONE_NO_PERMISSION',
    status: 403,
    title: {
      en: 'Your Kintone user is not permitted to do this',
      ja: 'kintone ユーザーにこの操作の権限がありません',
    },
    cause: {
      en: 'Kintone applies the connected user’s own permissions (CB_NO02), and that user may not do this in the app, for example add or edit records.',
      ja: 'kintone では接続したユーザー自身のアクセス権が適用されます(CB_NO02)。このユーザーには、アプリでこの操作(レコードの追加や編集など)を行う権限がありません。',
    },
    fix: {
      en: 'Ask the Kintone app’s administrator to grant this user the needed permission in the app’s settings under Permissions.',
      ja: 'kintone アプリの管理者に、アプリの設定の「アクセス権」で、このユーザーに必要な権限を付与するよう依頼してください。',
    },
    step: null,
  }),
  KINTONE_RECORD_NOT_FOUND: entry({
    code: 'KINTONE_RECORD_NOT_FOUND',
    status: 404,
    title: { en: 'The Kintone record no longer exists', ja: 'kintone のレコードが見つかりません' },
    cause: {
      en: 'Kintone has no record with this ID in the app (GAIA_RE01); it may have been deleted.',
      ja: 'アプリにこの ID のレコードがありません(GAIA_RE01)。削除された可能性があります。',
    },
    fix: {
      en: 'Send the meeting to Kintone again to create a new record.',
      ja: '会議をもう一度 kintone に送信して、新しいレコードを作成してください。',
    },
    step: null,
  }),
  KINTONE_VALIDATION_FAILED: entry({
    code: 'KINTONE_VALIDATION_FAILED',
    status: 400,
    title: { en: 'Kintone rejected the values sent', ja: 'kintone が送信された値を受け付けませんでした' },
    cause: {
      en: 'A value did not fit a field of the Kintone app (CB_VA01): for example a required field was empty, a choice was not in the field’s options, or the app’s fields changed after the mapping was saved.',
      ja: '値が kintone アプリのフィールドの設定に合いませんでした(CB_VA01)。必須項目が空である、選択肢にない値が指定された、フィールドの対応付けを保存した後にアプリのフィールドが変更された、などが考えられます。',
    },
    fix: {
      en: 'Open the Notta plug-in settings in the Kintone app and update the field mapping to match the app’s current fields.',
      ja: 'kintone アプリの Notta プラグインの設定を開き、フィールドの対応付けをアプリの現在のフィールドに合わせて更新してください。',
    },
    step: null,
  }),
  KINTONE_RECONNECT_REQUIRED: entry({
    code: 'KINTONE_RECONNECT_REQUIRED',
    status: 401,
    title: { en: 'Reconnect your Kintone account', ja: 'kintone アカウントを接続し直してください' },
    cause: {
      en: 'Kintone no longer honours this connection’s authorization. Common reasons: the user was unticked in Configure users, the OAuth client was deleted, or the same user authorized Notta more than 10 times since.',
      ja: 'kintone がこの接続の認可を受け付けなくなりました。主な原因は、OAuth クライアントの利用ユーザーの設定からユーザーが外された、OAuth クライアントが削除された、同じユーザーがその後 10 回を超えて Notta を認可した、などです。',
    },
    fix: reconnect,
    step: null,
  }),

  // Notta's own rules: plan, role and setup state (see policy.ts).
  PLAN_EXCLUDES_KINTONE: entry({
    code: 'PLAN_EXCLUDES_KINTONE',
    status: 402,
    title: {
      en: 'The Kintone integration needs a Business or Enterprise plan',
      ja: 'kintone 連携には Business プランまたは Enterprise プランが必要です',
    },
    cause: {
      en: 'This workspace’s Notta plan does not include the Kintone integration.',
      ja: 'このワークスペースの Notta のプランには kintone 連携が含まれていません。',
    },
    fix: {
      en: 'Ask the workspace owner to upgrade to the Business or Enterprise plan.',
      ja: 'ワークスペースのオーナーに、Business プランまたは Enterprise プランへのアップグレードを依頼してください。',
    },
    step: null,
  }),
  ROLE_NOT_ALLOWED: entry({
    code: 'ROLE_NOT_ALLOWED',
    status: 403,
    title: {
      en: 'Only workspace owners and admins can do this',
      ja: 'この操作はワークスペースのオーナーと管理者のみが行えます',
    },
    cause: {
      en: 'Setting up or revoking the Kintone integration, and seeing every member’s connection, are limited to the workspace’s Owner and Admins.',
      ja: 'kintone 連携の設定や認可の取り消し、全メンバーの接続状況の確認は、ワークスペースのオーナーと管理者に限られています。',
    },
    fix: {
      en: 'Ask an owner or admin of your Notta workspace to do it.',
      ja: 'Notta ワークスペースのオーナーまたは管理者に依頼してください。',
    },
    step: null,
  }),
  KINTONE_WORKSPACE_NOT_AUTHORIZED: entry({
    code: 'KINTONE_WORKSPACE_NOT_AUTHORIZED',
    status: 409,
    title: {
      en: 'Kintone is not set up for this workspace yet',
      ja: 'このワークスペースでは kintone 連携がまだ設定されていません',
    },
    cause: {
      en: 'An owner or admin must complete the Kintone setup before members can connect their own Kintone accounts.',
      ja: 'メンバーが自分の kintone アカウントを接続するには、先にオーナーまたは管理者が kintone 連携の設定を完了する必要があります。',
    },
    fix: {
      en: 'Ask an owner or admin of your Notta workspace to set up Kintone under Integrations & Apps → Kintone.',
      ja: 'Notta ワークスペースのオーナーまたは管理者に、「Integrations & Apps」→「Kintone」から kintone 連携を設定するよう依頼してください。',
    },
    step: null,
  }),

  // Accounts and sessions.
  AUTH_REQUIRED: entry({
    code: 'AUTH_REQUIRED',
    status: 401,
    title: { en: 'Please sign in', ja: 'サインインしてください' },
    cause: {
      en: 'You are not signed in, or your session has ended.',
      ja: 'サインインしていないか、セッションの有効期限が切れています。',
    },
    fix: {
      en: 'Sign in to Notta and try again.',
      ja: 'Notta にサインインしてから、もう一度お試しください。',
    },
    step: null,
  }),
  AUTH_INVALID_CREDENTIALS: entry({
    code: 'AUTH_INVALID_CREDENTIALS',
    status: 401,
    title: { en: 'Wrong email or password', ja: 'メールアドレスまたはパスワードが正しくありません' },
    cause: {
      en: 'No Notta account matches this email address and password.',
      ja: 'このメールアドレスとパスワードに一致する Notta アカウントがありません。',
    },
    fix: {
      en: 'Check the email address and password (it is case-sensitive) and try again.',
      ja: 'メールアドレスとパスワード(大文字と小文字は区別されます)を確認して、もう一度お試しください。',
    },
    step: null,
  }),
  CSRF_INVALID: entry({
    code: 'CSRF_INVALID',
    status: 403,
    title: { en: 'The request could not be verified', ja: 'リクエストを確認できませんでした' },
    cause: {
      en: 'The request did not come from a Notta page open in this browser session, so nothing was changed.',
      ja: 'このブラウザーのセッションで開いている Notta のページからのリクエストではなかったため、何も変更されていません。',
    },
    fix: { en: 'Reload the page and try again.', ja: 'ページを再読み込みして、もう一度お試しください。' },
    step: null,
  }),
  RATE_LIMITED: entry({
    code: 'RATE_LIMITED',
    status: 429,
    title: { en: 'Too many attempts', ja: '試行回数が多すぎます' },
    cause: {
      en: 'There were too many attempts in a short time, so Notta paused them to protect your account.',
      ja: '短時間に試行が多すぎたため、アカウントを保護するために Notta が一時的に停止しました。',
    },
    fix: {
      en: 'Wait {retryAfter} seconds, then try again.',
      ja: '{retryAfter} 秒待ってから、もう一度お試しください。',
    },
    step: null,
  }),
  WORKSPACE_NOT_FOUND: entry({
    code: 'WORKSPACE_NOT_FOUND',
    status: 404,
    title: { en: 'Workspace not found', ja: 'ワークスペースが見つかりません' },
    cause: {
      en: 'This workspace does not exist, or you are not a member of it.',
      ja: 'このワークスペースは存在しないか、あなたはそのメンバーではありません。',
    },
    fix: {
      en: 'Choose one of your workspaces, or ask its owner to invite you.',
      ja: '所属しているワークスペースを選ぶか、オーナーに招待を依頼してください。',
    },
    step: null,
  }),
  KINTONE_STEP_NOT_REACHED: entry({
    code: 'KINTONE_STEP_NOT_REACHED',
    status: 409,
    title: { en: 'Finish the earlier steps first', ja: '前の手順を先に完了してください' },
    cause: {
      en: 'This setup step needs the steps before it to be completed.',
      ja: 'この設定手順を行うには、その前の手順を完了している必要があります。',
    },
    fix: {
      en: 'Go back to the first unfinished step of the Kintone setup and complete it.',
      ja: 'kintone 連携設定の未完了の手順に戻って、完了してください。',
    },
    step: 'add-client',
  }),
  KINTONE_CREDENTIALS_MISSING: entry({
    code: 'KINTONE_CREDENTIALS_MISSING',
    status: 409,
    title: { en: 'Link the OAuth client first', ja: '先に OAuth クライアントをリンクしてください' },
    cause: {
      en: 'Notta does not have the client ID, client secret and authorization endpoint of your Kintone OAuth client yet.',
      ja: 'Notta には、kintone の OAuth クライアントのクライアント ID、クライアントシークレット、認可エンドポイントがまだ登録されていません。',
    },
    fix: {
      en: 'Copy them from the client’s edit screen in Kintone into step 3 and confirm.',
      ja: 'kintone のクライアント編集画面からコピーして手順 3 に貼り付け、確定してください。',
    },
    step: 'link-client',
  }),
  KINTONE_NOT_CONNECTED: entry({
    code: 'KINTONE_NOT_CONNECTED',
    status: 409,
    title: { en: 'Your Kintone account is not connected', ja: 'kintone アカウントが接続されていません' },
    cause: {
      en: 'There is no Kintone connection for your Notta account in this workspace.',
      ja: 'このワークスペースには、あなたの Notta アカウントの kintone 接続がありません。',
    },
    fix: {
      en: 'Choose Connect on the Kintone card under Integrations & Apps.',
      ja: '「連携とアプリ」の kintone カードで「接続」を選んでください。',
    },
    step: null,
  }),

  // The plug-in API (calls from the Kintone plug-in through Kintone's plug-in proxy).
  PLUGIN_KEY_INVALID: entry({
    code: 'PLUGIN_KEY_INVALID',
    status: 401,
    title: { en: 'The plug-in key is not valid', ja: 'プラグインキーが正しくありません' },
    cause: {
      en: 'The plug-in key saved in this app’s plug-in settings is unknown to Notta, or was revoked.',
      ja: 'このアプリのプラグイン設定に保存されたプラグインキーが Notta で認識されないか、無効化されています。',
    },
    fix: {
      en: 'Create a new plug-in key in Notta (Integrations & Apps → Kintone → Plug-in keys) and save it in the plug-in settings.',
      ja: 'Notta(連携とアプリ → kintone → プラグインキー)で新しいプラグインキーを作成し、プラグインの設定に保存してください。',
    },
    step: null,
  }),
  PLUGIN_TENANT_MISMATCH: entry({
    code: 'PLUGIN_TENANT_MISMATCH',
    status: 403,
    title: {
      en: 'This Kintone is not the one linked to the workspace',
      ja: 'この kintone はワークスペースに連携されている環境ではありません',
    },
    cause: {
      en: 'The plug-in key belongs to a Notta workspace that is connected to a different Kintone domain.',
      ja: 'このプラグインキーは、別の kintone ドメインに連携されている Notta ワークスペースのものです。',
    },
    fix: {
      en: 'Use a plug-in key of the workspace connected to this Kintone, or connect the workspace to this domain.',
      ja: 'この kintone に連携されているワークスペースのプラグインキーを使うか、ワークスペースをこのドメインに連携してください。',
    },
    step: null,
  }),
  PLUGIN_MAPPING_INVALID: entry({
    code: 'PLUGIN_MAPPING_INVALID',
    status: 400,
    title: { en: 'The field mapping cannot be used', ja: 'フィールドの対応付けを使用できません' },
    cause: {
      en: 'Some Notta meeting fields are mapped to missing or incompatible Kintone fields: {fields}.',
      ja: '一部の Notta の会議フィールドが、存在しないか型の合わない kintone フィールドに対応付けられています: {fields}。',
    },
    fix: {
      en: 'Map the Meeting ID to a text field with “Prohibit duplicate values” on, and each other field to a field of a matching type.',
      ja: '会議 ID を「値の重複を禁止する」を有効にした文字列フィールドに、その他のフィールドを型の合うフィールドに対応付けてください。',
    },
    step: null,
  }),
  PLUGIN_APP_NOT_LINKED: entry({
    code: 'PLUGIN_APP_NOT_LINKED',
    status: 404,
    title: { en: 'This app is not linked to Notta', ja: 'このアプリは Notta に連携されていません' },
    cause: {
      en: 'The app’s plug-in settings have not been saved with a Notta workspace yet.',
      ja: 'このアプリのプラグイン設定が、まだ Notta ワークスペースと共に保存されていません。',
    },
    fix: {
      en: 'Ask the app administrator to open the Notta plug-in settings and save them.',
      ja: 'アプリの管理者に、Notta プラグインの設定を開いて保存するよう依頼してください。',
    },
    step: null,
  }),
  KINTONE_INTEGRATION_REVOKED: entry({
    code: 'KINTONE_INTEGRATION_REVOKED',
    status: 409,
    title: { en: 'The Kintone connection was revoked', ja: 'kintone 連携は取り消されています' },
    cause: {
      en: 'An owner or admin of the Notta workspace revoked its Kintone authorization, which also disabled its plug-in keys.',
      ja: 'Notta ワークスペースのオーナーまたは管理者が kintone の認可を取り消したため、プラグインキーも無効になりました。',
    },
    fix: {
      en: 'Ask a workspace owner or admin to set up Kintone again in Notta, then create a new plug-in key.',
      ja: 'ワークスペースのオーナーまたは管理者に Notta で kintone 連携を再設定してもらい、新しいプラグインキーを作成してください。',
    },
    step: 'add-client',
  }),

  // Start-up: the backend refuses to start with a bad environment variable.
  CONFIG_INVALID: entry({
    code: 'CONFIG_INVALID',
    status: 500,
    title: { en: 'Notta’s configuration is not valid', ja: 'Notta の構成が正しくありません' },
    cause: {
      en: 'The setting {name} is missing or not valid: {reason}',
      ja: '設定 {name} が未設定か、正しくありません: {reason}',
    },
    fix: {
      en: 'Correct {name} in the service’s environment and start it again.',
      ja: 'サービスの環境変数 {name} を修正して、再起動してください。',
    },
    step: null,
  }),
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCatalogue, value);
}

export function catalogueEntry(code: ErrorCode): CatalogueEntry {
  return errorCatalogue[code];
}
