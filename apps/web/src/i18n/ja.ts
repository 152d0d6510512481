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

  'error.cause': '原因',
  'error.fix': '対処方法',
  'error.fields': '次の項目を確認してください',
  'error.code': 'エラーコード',
  'error.requestId': 'リクエスト ID',
};
