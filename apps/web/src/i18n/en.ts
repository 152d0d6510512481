/**
 * English texts of Notta Web: the reference dictionary. Every key here must exist in `ja.ts`
 * (the type there enforces it). Placeholders are written `{name}` and filled by `t(key, { name })`.
 */
export const en = {
  'app.name': 'Notta',
  'app.documentTitle': '{page} · Notta',
  'app.skipToContent': 'Skip to main content',
  'app.footer': 'Notta for Kintone: meeting notes where your team works.',

  'nav.label': 'Main',
  'nav.integrations': 'Integrations & Apps',
  'nav.status': 'System status',

  'language.label': 'Language',

  'integrations.title': 'Integrations & Apps',
  'integrations.intro':
    'Connect Notta to the tools your team already works in, so meeting notes land where the work happens.',
  'integrations.listLabel': 'Available integrations',
  'integrations.notConnected': 'Not connected',
  'integrations.connect': 'Connect',
  'integrations.comingSoon': 'Guided setup is coming soon.',
  'integrations.kintone.name': 'Kintone',
  'integrations.kintone.description':
    'Send meeting summaries, action items and transcripts to Kintone apps as records.',

  'status.title': 'System status',
  'status.intro': "Whether Notta's backend is running and its database answers.",
  'status.loading': 'Checking the system…',
  'status.ready.title': 'Notta is ready',
  'status.ready.body': 'The backend is running and its database answers.',
  'status.unavailable.title': 'Notta is not ready',
  'status.unavailable.body':
    'The backend is running, but its database is not answering. Anything that reads or saves data will fail until it recovers.',
  'status.network.title': "Can't reach the Notta backend",
  'status.network.body':
    'Check your network connection and try again. If it persists, the backend may be stopped.',
  'status.invalid.title': 'Unexpected response from the backend',
  'status.invalid.body':
    'The backend answered {path} with something this page does not understand. Notta Web and the backend may be running different versions.',
  'status.details': 'Details',
  'status.readiness': 'Readiness',
  'status.readiness.ready': 'Ready',
  'status.readiness.unavailable': 'Unavailable',
  'status.readiness.unreachable': 'Unreachable',
  'status.readiness.unknown': 'Unknown',
  'status.database': 'Database',
  'status.database.ok': 'Answering',
  'status.database.failing': 'Not answering',
  'status.engine': 'Database engine',
  'status.engine.pglite': 'PGlite (embedded PostgreSQL)',
  'status.engine.postgres': 'PostgreSQL',
  'status.version': 'Backend version',
  'status.service': 'Service',
  'status.unknown': 'Unknown',
  'status.lastChecked': 'Last checked at {time}',
  'status.refresh': 'Check again',
  'status.refreshing': 'Checking…',

  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at {path}.',
  'notFound.home': 'Go to Integrations & Apps',

  'routeError.title': 'Something went wrong',
  'routeError.body': 'This page could not be shown. Reload to try again.',
  'routeError.reload': 'Reload',

  'error.cause': 'What happened',
  'error.fix': 'How to fix it',
  'error.fields': 'Check these fields',
  'error.code': 'Error code',
  'error.requestId': 'Request ID',
} as const;

export type MessageKey = keyof typeof en;
