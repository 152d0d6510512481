import type { MessageKey } from './en';

/** Japanese texts of Notta Web. The type makes a missing or extra key a compile error. */
export const ja: Record<MessageKey, string> = {
  'app.name': 'Notta',
  'app.documentTitle': '{page} | Notta',
  'app.skipToContent': 'メインコンテンツへスキップ',
  'app.footer': 'Notta for Kintone: 会議の記録を、チームが働く場所へ。',

  'nav.label': 'メイン',
  'nav.integrations': '連携とアプリ',
  'nav.status': 'システムの状態',

  'language.label': '言語',

  'integrations.title': '連携とアプリ',
  'integrations.intro':
    'チームが日々使っているツールと Notta を連携して、会議の記録を業務の現場に届けましょう。',
  'integrations.listLabel': '利用できる連携',
  'integrations.notConnected': '接続されていません',
  'integrations.connect': '接続',
  'integrations.comingSoon': 'セットアップ手順は近日公開予定です。',
  'integrations.kintone.name': 'Kintone',
  'integrations.kintone.description':
    '会議の要約、アクションアイテム、文字起こしを Kintone アプリのレコードとして登録します。',

  'status.title': 'システムの状態',
  'status.intro': 'Notta のバックエンドが稼働し、データベースが応答しているかを確認します。',
  'status.loading': 'システムの状態を確認しています…',
  'status.ready.title': 'Notta は正常に稼働しています',
  'status.ready.body': 'バックエンドが稼働しており、データベースも応答しています。',
  'status.unavailable.title': 'Notta は現在利用できません',
  'status.unavailable.body':
    'バックエンドは稼働していますが、データベースが応答していません。復旧するまで、データの読み込みや保存はできません。',
  'status.network.title': 'Notta のバックエンドに接続できません',
  'status.network.body':
    'ネットワーク接続を確認して、もう一度お試しください。解決しない場合は、バックエンドが停止している可能性があります。',
  'status.invalid.title': 'バックエンドから予期しない応答がありました',
  'status.invalid.body':
    '{path} に対するバックエンドの応答を解釈できませんでした。Notta Web とバックエンドのバージョンが一致していない可能性があります。',
  'status.details': '詳細',
  'status.readiness': '稼働状況',
  'status.readiness.ready': '正常',
  'status.readiness.unavailable': '利用不可',
  'status.readiness.unreachable': '接続不可',
  'status.readiness.unknown': '不明',
  'status.database': 'データベース',
  'status.database.ok': '応答あり',
  'status.database.failing': '応答なし',
  'status.engine': 'データベースエンジン',
  'status.engine.pglite': 'PGlite(組み込み PostgreSQL)',
  'status.engine.postgres': 'PostgreSQL',
  'status.version': 'バックエンドのバージョン',
  'status.service': 'サービス',
  'status.unknown': '不明',
  'status.lastChecked': '最終確認: {time}',
  'status.refresh': '再確認',
  'status.refreshing': '確認中…',

  'notFound.title': 'ページが見つかりません',
  'notFound.body': '{path} というページはありません。',
  'notFound.home': '連携とアプリへ移動',

  'routeError.title': '問題が発生しました',
  'routeError.body': 'このページを表示できませんでした。再読み込みしてもう一度お試しください。',
  'routeError.reload': '再読み込み',

  'common.cancel': 'キャンセル',

  'session.loading': 'ワークスペースを読み込んでいます…',
  'session.signIn': 'サインイン',
  'session.signOut': 'サインアウト',
  'session.workspace': 'ワークスペース',
  'session.retry': 'もう一度試す',
  'session.unavailable.title': '現在 Notta に接続できません',
  'session.unavailable.body':
    'サインイン状態を確認できませんでした。ネットワーク接続を確認して、もう一度お試しください。',
  'session.noWorkspace.title': 'まだワークスペースに参加していません',
  'session.noWorkspace.body':
    'ワークスペースのオーナーまたは管理者に、Notta のワークスペースへの追加を依頼してください。',

  'signIn.title': 'Notta にサインイン',
  'signIn.intro': 'Notta アカウントのメールアドレスとパスワードを入力してください。',
  'signIn.email': 'メールアドレス',
  'signIn.password': 'パスワード',
  'signIn.submit': 'サインイン',
  'signIn.submitting': 'サインインしています…',

  'failure.network.title': 'Notta のバックエンドに接続できません',
  'failure.network.body': '変更は行われていません。ネットワーク接続を確認して、もう一度お試しください。',
  'failure.invalid.title': 'バックエンドから予期しない応答がありました',
  'failure.invalid.body':
    'バックエンドの応答を解釈できませんでした。ページを再読み込みして、もう一度お試しください。',
  'failure.unknown.title': '問題が発生しました',
  'failure.unknown.body':
    'このバージョンの Notta Web では判別できない理由により、kintone との接続が完了しませんでした。もう一度お試しください。解決しない場合は、下記のエラーコードを添えて Notta サポートにお問い合わせください。',

  'copy.button': 'コピー',
  'copy.buttonLabel': '{label}をコピー',
  'copy.copied': 'コピーしました',
  'copy.copiedLabel': '{label}をクリップボードにコピーしました。',
  'copy.manual':
    'このブラウザーではコピーが制限されています。テキストを選択したので、Ctrl+C(Mac では ⌘C)でコピーしてください。',

  'plan.free': 'Free',
  'plan.pro': 'Pro',
  'plan.business': 'Business',
  'plan.enterprise': 'Enterprise',

  'role.owner': 'オーナー',
  'role.admin': '管理者',
  'role.member': 'メンバー',

  'kintone.loading': '読み込んでいます…',
  'kintone.state.planExcluded': 'ご利用のプランでは利用できません',
  'kintone.state.settingUp': '設定中(手順 {step}/4)',
  'kintone.state.connected': '接続済み',
  'kintone.state.attention': '要対応',
  'kintone.state.revoked': '認可取り消し済み',
  'kintone.plan.excluded':
    'kintone 連携は Business プランと Enterprise プランでご利用いただけます。このワークスペースは {plan} プランです。ワークスペースのオーナーにアップグレードを依頼してください。',
  'kintone.settingUp.body': '設定を進めています(手順 {step}/4)。',
  'kintone.connected.body': '{tenant} に接続済みです({name} が {date} に認可)。',
  'kintone.attention.body':
    '一部のメンバーの kintone 接続が切れています。「メンバーの接続状況」で確認してください。',
  'kintone.revoked.body':
    '{date} に認可が取り消されました。接続とクライアントシークレットは削除済みです。オーナーまたは管理者はいつでも設定し直せます。',
  'kintone.revoked.bodyNoDate':
    '認可が取り消されました。接続とクライアントシークレットは削除済みです。オーナーまたは管理者はいつでも設定し直せます。',
  'kintone.member.askAdmin':
    'このワークスペースはまだ kintone と接続されていません。ワークスペースのオーナーまたは管理者に設定を依頼してください。設定が完了すると、ここから自分の kintone アカウントを接続できます。',
  'kintone.action.continueSetup': '設定を続ける',
  'kintone.action.setUpAgain': 'もう一度設定する',
  'kintone.action.connections': 'メンバーの接続状況',
  'kintone.action.auditLog': '監査ログ',
  'kintone.action.reviewSetup': '設定を確認',
  'kintone.action.revoke': '認可を取り消す',
  'kintone.admin.label': 'ワークスペースの管理',
  'kintone.own.label': 'あなたの kintone アカウント',
  'kintone.own.connected': '{since} から接続しています。最終利用: {lastUsed}',
  'kintone.own.never': 'まだありません',
  'kintone.own.needsReconnect': 'kintone との接続が切れています。接続し直してください。',
  'kintone.own.notConnected': 'kintone アカウントは接続されていません。',
  'kintone.own.tickedNote':
    '接続するには、cybozu.com 共通管理者が Notta の OAuth クライアントの「利用ユーザーの設定」であなたにチェックを入れている必要があります。チェックがないと、kintone に OAuth を利用する権限がないというメッセージが表示されます。',
  'kintone.own.connecting': 'kintone を開いています…',
  'kintone.own.reconnect': '接続し直す',
  'kintone.own.disconnect': '接続を解除',
  'kintone.own.check': '接続を確認',
  'kintone.own.checking': '確認しています…',
  'kintone.own.checkOk': 'kintone との接続は正常です({time} に確認)。',
  'kintone.revoke.title': 'kintone の認可を取り消しますか?',
  'kintone.revoke.body':
    'このワークスペースのすべてのメンバーの kintone 接続と、保存されているクライアントシークレットを削除します。Notta から kintone への会議の登録は停止します。',
  'kintone.revoke.afterwards':
    '連携は「認可取り消し済み」と表示されます。オーナーまたは管理者はいつでも設定し直せます。',
  'kintone.revoke.kintoneSide':
    'kintone には、Notta から認可を取り消す仕組みがありません。kintone 側のアクセスも止めるには、cybozu.com 共通管理者が「cybozu.com 共通管理」→「外部連携」→「OAuth」で Notta の OAuth クライアントを削除するか、「利用ユーザーの設定」でユーザーのチェックを外してください。',
  'kintone.revoke.confirm': '認可を取り消す',
  'kintone.revoke.confirming': '取り消しています…',
  'kintone.revoke.done': 'kintone の認可を取り消しました。',

  'kintone.ui.oauthPath': '「cybozu.com 共通管理」→「外部連携」→「OAuth」',
  'kintone.ui.addClient': '「高度な連携を追加する」',
  'kintone.ui.configureUsers': '「利用ユーザーの設定」',
  'kintone.ui.save': '「保存」',
  'kintone.ui.accessControl': '「cybozu.com 共通管理」→「セキュリティ」の IP アドレス制限の設定',

  'wizard.title': 'kintone と接続',
  'wizard.intro':
    'Notta のオーナーまたは管理者が、cybozu.com 共通管理者と一緒にワークスペースごとに一度だけ行う 4 つの手順です。途中で中断しても、Notta が進み具合を記憶しています。',
  'wizard.adminsOnly':
    'kintone 連携を設定できるのは、ワークスペースのオーナーと管理者だけです。オーナーまたは管理者に接続を依頼してください。',
  'wizard.alreadyAuthorized':
    'このワークスペースは認可済みです。各手順の内容を確認したり、クライアントの認証情報を置き換えたりできます。',
  'wizard.next': '次へ',
  'wizard.goToStep': '手順 {step}「{title}」へ移動',
  'wizard.stepper.label': '設定の手順',
  'wizard.stepper.step': '手順 {step}',
  'wizard.stepper.done': '(完了)',
  'wizard.stepper.current': '(現在の手順)',

  'wizard.step1.title': 'OAuth クライアントの追加',
  'wizard.step1.intro':
    'cybozu.com 共通管理者が、下の値を使って Notta を kintone の OAuth クライアントとして登録します。',
  'wizard.step1.open': 'kintone で次の画面を開きます:',
  'wizard.step1.add': '次をクリックします:',
  'wizard.step1.fill':
    '「クライアント名」を入力し、「クライアントのロゴ」をアップロードして、「リダイレクトエンドポイント」に下の値を貼り付けます。',
  'wizard.step1.save': '次をクリックします:',
  'wizard.step1.clientName': 'クライアント名',
  'wizard.step1.clientLogo': 'クライアントのロゴ',
  'wizard.step1.logoAlt': 'OAuth クライアント用の Notta のロゴ',
  'wizard.step1.download': 'ロゴをダウンロード',
  'wizard.step1.logoHint':
    '画像をダウンロードして、kintone でクライアントのロゴとしてアップロードしてください。',
  'wizard.step1.redirect': 'リダイレクトエンドポイント',
  'wizard.step1.redirectHint': '表示どおりに貼り付けてください。kintone は 1 文字ずつ照合します。',
  'wizard.step1.next': '設定が完了したので次へ',

  'wizard.step2.title': '利用ユーザーの設定',
  'wizard.step2.intro': 'kintone アカウントを Notta に接続できる kintone ユーザーを選びます。',
  'wizard.step2.open': 'kintone で次の画面を開きます:',
  'wizard.step2.configure': 'Notta のクライアントの横にある次をクリックします:',
  'wizard.step2.tick':
    'Notta に接続するすべてのユーザーにチェックを入れます。手順 4 で認可するのがあなた自身なら、あなたにもチェックを入れてください。',
  'wizard.step2.save': '次をクリックします:',
  'wizard.step2.laterTitle': '後から kintone に追加されたユーザーには、自動でチェックが入りません',
  'wizard.step2.laterBody':
    '今後 kintone に追加されたユーザーも、cybozu.com 共通管理者が「利用ユーザーの設定」でチェックを入れる必要があります。チェックがないと、kintone が接続を拒否します。',

  'wizard.step3.title': 'OAuth クライアントのリンク',
  'wizard.step3.intro':
    'kintone に表示されているクライアントの情報を Notta に入力します。クライアントシークレットは暗号化して保存され、再表示されることはありません。',
  'wizard.step3.open': 'kintone で次の画面を開きます:',
  'wizard.step3.edit': 'Notta のクライアントの横にある鉛筆の形をした編集アイコンをクリックします。',
  'wizard.step3.copy':
    '「クライアント ID」「クライアントシークレット」「認可エンドポイント」をコピーして、下の欄に貼り付けます。',
  'wizard.step3.clientId': 'クライアント ID',
  'wizard.step3.clientSecret': 'クライアントシークレット',
  'wizard.step3.secretHint': '暗号化して保存されます。保存後は末尾の数文字だけが表示されます。',
  'wizard.step3.secretStored':
    'クライアントシークレットは保存済みです。kintone 側で変更した場合にだけ置き換えてください。',
  'wizard.step3.replace': '置き換える',
  'wizard.step3.replaceLabel': 'クライアントシークレットを置き換える',
  'wizard.step3.keepSecret': '保存済みのシークレットを使う',
  'wizard.step3.endpoint': '認可エンドポイント',
  'wizard.step3.endpointHint': '例: https://example.cybozu.com/oauth2/authorization',
  'wizard.step3.tokenEndpoint': 'トークンエンドポイント',
  'wizard.step3.tokenHint': '認可エンドポイントから自動で決まります。入力は不要です。',
  'wizard.step3.required': 'kintone からコピーした値を入力してください。',
  'wizard.step3.noSpaces': 'kintone に表示されている値を、空白を含めずそのまま貼り付けてください。',
  'wizard.step3.confirm': '確認',
  'wizard.step3.confirming': '確認しています…',
  'wizard.step3.saved': 'OAuth クライアントをリンクしました。',

  'wizard.step4.title': '認可して接続',
  'wizard.step4.intro':
    '最後の手順です。このワークスペースが Notta から kintone を利用することを許可します。kintone の画面で許可すると、この画面に戻ります。',
  'wizard.step4.tenant': 'kintone のドメイン:',
  'wizard.step4.ipQuestion': 'kintone で IP アドレス制限を設定していますか?',
  'wizard.step4.ipHint':
    'わからない場合は、cybozu.com 共通管理者に確認するか、「cybozu.com 共通管理」の「セキュリティ」で IP アドレス制限の設定を確認してください。',
  'wizard.step4.ipYes': 'はい、特定の IP アドレスからのみアクセスを許可しています',
  'wizard.step4.ipNo': 'いいえ',
  'wizard.step4.ipTitle': 'Notta の IP アドレスを許可する',
  'wizard.step4.ipAddress': 'IP アドレス',
  'wizard.step4.cidr': 'CIDR',
  'wizard.step4.ipOpen': 'kintone で次の画面を開きます:',
  'wizard.step4.ipConfigure': 'IP アドレス制限の設定を始めます。',
  'wizard.step4.ipAdd': 'Notta の IP アドレスまたは CIDR を、許可する IP アドレスに追加します。',
  'wizard.step4.ipSave': '次をクリックします:',
  'wizard.step4.scopesTitle': 'Notta が kintone で行えること',
  'wizard.step4.adminNote':
    '続ける前に、このブラウザーで kintone に cybozu.com 共通管理者としてログインしてください。その管理者は、Notta のクライアントの「利用ユーザーの設定」でチェックが入っている必要があります。あなた自身の kintone アカウントも、この許可で接続されます。',
  'wizard.step4.authorize': '認可して接続',
  'wizard.step4.authorizing': 'kintone を開いています…',
  'wizard.step4.answerFirst': '先に IP アドレス制限の質問に答えてください。',

  'troubleshooting.title': 'トラブルシューティング: kintone に表示されるメッセージ',
  'troubleshooting.intro':
    '許可の画面ではなくエラーが表示された場合は、そのメッセージをここで探してください。kintone のメッセージは、kintone の表示どおり英語で引用しています。',
  'troubleshooting.pasteLabel': 'kintone に表示されたメッセージを貼り付けてください',
  'troubleshooting.matched': '該当するメッセージ:',
  'troubleshooting.noMatch':
    'Notta が把握しているメッセージと一致しません。テキストを確認するか、そのテキストを添えて Notta サポートにお問い合わせください。',

  'result.title': 'kintone との接続',
  'result.authorized.title': 'kintone と接続しました',
  'result.authorized.body':
    'このワークスペースは認可され、同じ許可であなた自身の kintone アカウントも接続されました。kintone で利用ユーザーに設定されたメンバーは、自分のアカウントを接続できるようになりました。',
  'result.connected.title': 'kintone アカウントを接続しました',
  'result.connected.body': 'あなたの会議を、あなたとして kintone アプリに登録できるようになりました。',
  'result.error.title': 'kintone との接続が完了しませんでした',
  'result.error.memberStep': 'ワークスペースのオーナーまたは管理者が kintone の設定で解決できます。',
  'result.empty.title': '表示する内容はありません',
  'result.empty.body':
    'このページには kintone との接続結果が表示されます。「連携とアプリ」から始めてください。',

  'connections.title': 'メンバーの接続状況',
  'connections.intro': 'このワークスペースの各メンバーの kintone 接続の状態です。',
  'connections.empty': 'このワークスペースにはまだメンバーがいません。',
  'connections.member': 'メンバー',
  'connections.role': '役割',
  'connections.status': '状態',
  'connections.since': '接続日時',
  'connections.lastUsed': '最終利用日時',
  'connections.status.connected': '接続済み',
  'connections.status.needsReconnect': '再接続が必要',
  'connections.status.never': '未接続',

  'audit.title': '監査ログ',
  'audit.intro': 'このワークスペースで、誰がいつ何を変更したかを新しい順に表示します。',
  'audit.empty': 'まだ記録はありません。',
  'audit.loadMore': 'さらに読み込む',
  'audit.by': '実行者: {name}({email})',
  'audit.bySystem': '実行者: Notta(サインインしたユーザーなし)',
  'audit.action.stepChanged': 'kintone 設定の手順を移動',
  'audit.action.clientAdded': 'kintone に OAuth クライアントを追加(手順 1)',
  'audit.action.usersConfigured': 'kintone の利用ユーザーを設定(手順 2)',
  'audit.action.credentialsSaved': 'OAuth クライアントの認証情報を保存(手順 3)',
  'audit.action.ipRestriction': 'IP アドレス制限の有無を回答(手順 4)',
  'audit.action.authorizationStarted': 'kintone の認可を開始',
  'audit.action.authorized': 'ワークスペースの kintone 連携を認可',
  'audit.action.authorizationFailed': 'kintone の認可に失敗',
  'audit.action.connectionStarted': 'kintone アカウントの接続を開始',
  'audit.action.connected': 'kintone アカウントを接続',
  'audit.action.disconnected': 'kintone アカウントの接続を解除',
  'audit.action.reconnectNeeded': 'kintone 接続の再接続が必要',
  'audit.action.revoked': 'kintone の認可を取り消し',
  'audit.action.memberAdded': 'メンバーを追加',
  'audit.action.memberRemoved': 'メンバーを削除',
  'audit.action.roleChanged': 'メンバーの役割を変更',
  'audit.action.workspaceCreated': 'ワークスペースを作成',
  'audit.action.planChanged': 'プランを変更',

  'error.cause': '原因',
  'error.fix': '対処方法',
  'error.fields': '次の項目を確認してください',
  'error.code': 'エラーコード',
  'error.requestId': 'リクエスト ID',
};
