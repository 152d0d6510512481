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

  'common.cancel': 'Cancel',

  'session.loading': 'Loading your workspace…',
  'session.signIn': 'Sign in',
  'session.signOut': 'Sign out',
  'session.workspace': 'Workspace',
  'session.retry': 'Try again',
  'session.unavailable.title': "Can't reach Notta right now",
  'session.unavailable.body':
    'Notta Web could not check whether you are signed in. Check your network connection and try again.',
  'session.noWorkspace.title': 'You are not in a workspace yet',
  'session.noWorkspace.body': 'Ask a workspace owner or admin to add you to their Notta workspace.',

  'signIn.title': 'Sign in to Notta',
  'signIn.intro': 'Use the email address and password of your Notta account.',
  'signIn.email': 'Email address',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',

  'failure.network.title': "Can't reach the Notta backend",
  'failure.network.body': 'Nothing was changed. Check your network connection and try again.',
  'failure.invalid.title': 'Unexpected response from the backend',
  'failure.invalid.body':
    'The backend answered with something this page does not understand. Reload the page and try again.',
  'failure.unknown.title': 'Something went wrong',
  'failure.unknown.body':
    'The connection to Kintone did not complete, for a reason this version of Notta Web does not recognise. Try again; if it persists, contact Notta support with the error code below.',

  'copy.button': 'Copy',
  'copy.buttonLabel': 'Copy {label}',
  'copy.copied': 'Copied',
  'copy.copiedLabel': '{label} copied to the clipboard.',
  'copy.manual':
    'Copying is blocked in this browser. The text is selected: press Ctrl+C (⌘C on a Mac) to copy it.',

  'plan.free': 'Free',
  'plan.pro': 'Pro',
  'plan.business': 'Business',
  'plan.enterprise': 'Enterprise',

  'role.owner': 'Owner',
  'role.admin': 'Admin',
  'role.member': 'Member',

  'kintone.loading': 'Loading…',
  'kintone.state.planExcluded': 'Not in your plan',
  'kintone.state.settingUp': 'Setting up · step {step} of 4',
  'kintone.state.connected': 'Connected',
  'kintone.state.attention': 'Needs attention',
  'kintone.state.revoked': 'Revoked',
  'kintone.plan.excluded':
    'The Kintone integration is included in the Business and Enterprise plans. This workspace is on the {plan} plan; ask the workspace owner to upgrade.',
  'kintone.settingUp.body': 'Setup is under way: step {step} of 4.',
  'kintone.connected.body': 'Connected to {tenant} by {name} on {date}.',
  'kintone.attention.body':
    "Some members' Kintone connections need to be reconnected. See Members' connections.",
  'kintone.revoked.body':
    'Authorization was revoked on {date}. Connections and the client secret were deleted; an owner or admin can set Kintone up again.',
  'kintone.revoked.bodyNoDate':
    'Authorization was revoked. Connections and the client secret were deleted; an owner or admin can set Kintone up again.',
  'kintone.member.askAdmin':
    'Kintone is not connected to this workspace yet. Ask a workspace owner or admin to set it up; then you can connect your own Kintone account here.',
  'kintone.action.continueSetup': 'Continue setup',
  'kintone.action.setUpAgain': 'Set up again',
  'kintone.action.connections': "Members' connections",
  'kintone.action.auditLog': 'Audit log',
  'kintone.action.reviewSetup': 'Review setup',
  'kintone.action.revoke': 'Revoke authorization',
  'kintone.admin.label': 'Workspace administration',
  'kintone.own.label': 'Your Kintone account',
  'kintone.own.connected': 'Connected since {since}. Last used: {lastUsed}.',
  'kintone.own.never': 'not yet',
  'kintone.own.needsReconnect': 'Your Kintone connection has stopped working and needs to be reconnected.',
  'kintone.own.notConnected': 'Your Kintone account is not connected.',
  'kintone.own.tickedNote':
    'Kintone lets you connect only if a cybozu.com administrator has ticked you under Configure users for the Notta OAuth client. Otherwise Kintone says you do not have permission to use OAuth.',
  'kintone.own.connecting': 'Opening Kintone…',
  'kintone.own.reconnect': 'Reconnect',
  'kintone.own.disconnect': 'Disconnect',
  'kintone.own.check': 'Check connection',
  'kintone.own.checking': 'Checking…',
  'kintone.own.checkOk': 'Your Kintone connection works (checked {time}).',
  'kintone.revoke.title': 'Revoke Kintone authorization?',
  'kintone.revoke.body':
    "This deletes every member's Kintone connection in this workspace, and the stored client secret. Notta stops sending meetings to Kintone.",
  'kintone.revoke.afterwards':
    'The integration then shows as revoked. An owner or admin can set it up again at any time.',
  'kintone.revoke.kintoneSide':
    'Kintone has no way for Notta to revoke access on its side. To end access in Kintone too, a cybozu.com administrator deletes the Notta OAuth client, or unticks users under Configure users, in Users & System Administration → Integrations → OAuth.',
  'kintone.revoke.confirm': 'Revoke authorization',
  'kintone.revoke.confirming': 'Revoking…',
  'kintone.revoke.done': 'Kintone authorization was revoked.',

  'kintone.ui.oauthPath': 'Users & System Administration → Integrations → OAuth',
  'kintone.ui.addClient': 'Add OAuth Client',
  'kintone.ui.configureUsers': 'Configure users',
  'kintone.ui.save': 'Save',
  'kintone.ui.accessControl': 'Users & System Administration → Security → Access Control',

  'wizard.title': 'Connect Kintone',
  'wizard.intro':
    'Four steps, done once per workspace by a Notta owner or admin together with a cybozu.com administrator. You can leave and come back: Notta remembers where you are.',
  'wizard.adminsOnly': 'Only workspace owners and admins can set up Kintone. Ask one of them to connect it.',
  'wizard.alreadyAuthorized':
    'This workspace is already authorized. You can review any step, or replace the client credentials.',
  'wizard.next': 'Next',
  'wizard.goToStep': 'Go to step {step}: {title}',
  'wizard.stepper.label': 'Setup steps',
  'wizard.stepper.step': 'Step {step}',
  'wizard.stepper.done': '(completed)',
  'wizard.stepper.current': '(current step)',

  'wizard.step1.title': 'Add OAuth client',
  'wizard.step1.intro':
    'A cybozu.com administrator registers Notta as an OAuth client in Kintone, using the values below.',
  'wizard.step1.open': 'In Kintone, open',
  'wizard.step1.add': 'Click',
  'wizard.step1.fill':
    'Enter the Client name, upload the Client logo and paste the Redirect endpoint shown below.',
  'wizard.step1.save': 'Click',
  'wizard.step1.clientName': 'Client name',
  'wizard.step1.clientLogo': 'Client logo',
  'wizard.step1.logoAlt': 'Notta logo for the OAuth client',
  'wizard.step1.download': 'Download logo',
  'wizard.step1.logoHint': 'Download the image, then upload it as the Client logo in Kintone.',
  'wizard.step1.redirect': 'Redirect endpoint',
  'wizard.step1.redirectHint': 'Paste it exactly as shown: Kintone compares it character for character.',
  'wizard.step1.next': "I've completed the configuration, next",

  'wizard.step2.title': 'Configure users',
  'wizard.step2.intro': 'Choose the Kintone users who may connect their Kintone account to Notta.',
  'wizard.step2.open': 'In Kintone, open',
  'wizard.step2.configure': 'Next to the Notta client, click',
  'wizard.step2.tick':
    'Tick every user who will connect to Notta, including yourself if you will authorize in step 4.',
  'wizard.step2.save': 'Click',
  'wizard.step2.laterTitle': 'Users added to Kintone later are not ticked automatically',
  'wizard.step2.laterBody':
    'When someone joins Kintone after today, a cybozu.com administrator must tick them under Configure users too, or Kintone will refuse their connection.',

  'wizard.step3.title': 'Link the OAuth client',
  'wizard.step3.intro':
    "Copy the client's details from Kintone into Notta. The client secret is stored encrypted and never shown again.",
  'wizard.step3.open': 'In Kintone, open',
  'wizard.step3.edit': 'Click the pencil icon next to the Notta client to open its settings.',
  'wizard.step3.copy': 'Copy the Client ID, Client secret and Authorization endpoint into the fields below.',
  'wizard.step3.clientId': 'Client ID',
  'wizard.step3.clientSecret': 'Client secret',
  'wizard.step3.secretHint': 'Stored encrypted. After saving, Notta shows only its last characters.',
  'wizard.step3.secretStored': 'A client secret is stored. Replace it only if it changed in Kintone.',
  'wizard.step3.replace': 'Replace',
  'wizard.step3.replaceLabel': 'Replace the client secret',
  'wizard.step3.keepSecret': 'Keep the stored secret',
  'wizard.step3.endpoint': 'Authorization endpoint',
  'wizard.step3.endpointHint': 'For example https://example.cybozu.com/oauth2/authorization',
  'wizard.step3.tokenEndpoint': 'Token endpoint',
  'wizard.step3.tokenHint': 'Derived from the authorization endpoint: nothing to type.',
  'wizard.step3.required': 'Enter a value copied from Kintone.',
  'wizard.step3.noSpaces': 'Paste the value exactly as Kintone shows it, without spaces.',
  'wizard.step3.confirm': 'Confirm',
  'wizard.step3.confirming': 'Checking…',
  'wizard.step3.saved': 'The OAuth client is linked.',

  'wizard.step4.title': 'Authorize & Connect',
  'wizard.step4.intro':
    'Last step: allow Notta to use Kintone on behalf of this workspace. You will be sent to Kintone to approve, then back here.',
  'wizard.step4.tenant': 'Kintone domain:',
  'wizard.step4.ipQuestion': 'Does your Kintone restrict access by IP address?',
  'wizard.step4.ipHint':
    'If unsure, ask your cybozu.com administrator or check Access Control in Users & System Administration.',
  'wizard.step4.ipYes': 'Yes, it allows only specific IP addresses',
  'wizard.step4.ipNo': 'No',
  'wizard.step4.ipTitle': "Allow Notta's IP address",
  'wizard.step4.ipAddress': 'IP address',
  'wizard.step4.cidr': 'CIDR',
  'wizard.step4.ipOpen': 'In Kintone, open',
  'wizard.step4.ipConfigure': 'Click Configure Now.',
  'wizard.step4.ipAdd': "Add Notta's IP address or CIDR to the allowed addresses.",
  'wizard.step4.ipSave': 'Click',
  'wizard.step4.scopesTitle': 'What Notta will be allowed to do in Kintone',
  'wizard.step4.adminNote':
    'Before you continue, sign in to Kintone in this browser as a cybozu.com administrator who is ticked under Configure users for the Notta client. Your own Kintone account is connected by the same approval.',
  'wizard.step4.authorize': 'Authorize & Connect',
  'wizard.step4.authorizing': 'Opening Kintone…',
  'wizard.step4.answerFirst': 'Answer the IP address question first.',

  'troubleshooting.title': 'Troubleshooting: messages Kintone may show',
  'troubleshooting.intro':
    "If Kintone showed an error page instead of asking for approval, find its message here. Kintone's messages are quoted in English, as Kintone shows them.",
  'troubleshooting.pasteLabel': 'Paste the message Kintone showed',
  'troubleshooting.matched': 'Found it:',
  'troubleshooting.noMatch':
    'This does not match a message Notta knows. Check the text, or contact Notta support with it.',

  'result.title': 'Kintone connection',
  'result.authorized.title': 'Kintone is connected',
  'result.authorized.body':
    'This workspace is authorized, and your own Kintone account is connected by the same approval. Members ticked in Kintone can now connect their accounts.',
  'result.connected.title': 'Your Kintone account is connected',
  'result.connected.body': 'Notta can now send your meetings to Kintone apps as you.',
  'result.error.title': 'The connection to Kintone did not complete',
  'result.error.memberStep': 'A workspace owner or admin can fix this in the Kintone setup.',
  'result.empty.title': 'Nothing to show',
  'result.empty.body':
    'This page shows the outcome of connecting to Kintone. Start from Integrations & Apps.',

  'connections.title': "Members' connections",
  'connections.intro': "Each member's own Kintone connection in this workspace.",
  'connections.empty': 'This workspace has no members yet.',
  'connections.member': 'Member',
  'connections.role': 'Role',
  'connections.status': 'Status',
  'connections.since': 'Connected since',
  'connections.lastUsed': 'Last used',
  'connections.status.connected': 'Connected',
  'connections.status.needsReconnect': 'Needs reconnect',
  'connections.status.never': 'Never connected',

  'audit.title': 'Audit log',
  'audit.intro': 'Who changed what in this workspace, newest first.',
  'audit.empty': 'Nothing has been recorded yet.',
  'audit.loadMore': 'Load more',
  'audit.by': 'By {name} ({email})',
  'audit.bySystem': 'By Notta (no signed-in user)',
  'audit.action.stepChanged': 'Moved the Kintone setup to another step',
  'audit.action.clientAdded': 'Added the OAuth client in Kintone (step 1)',
  'audit.action.usersConfigured': 'Configured Kintone users (step 2)',
  'audit.action.credentialsSaved': 'Saved the OAuth client credentials (step 3)',
  'audit.action.ipRestriction': 'Answered the IP address restriction question (step 4)',
  'audit.action.authorizationStarted': 'Started authorizing Kintone',
  'audit.action.authorized': 'Authorized Kintone for the workspace',
  'audit.action.authorizationFailed': 'Kintone authorization failed',
  'audit.action.connectionStarted': 'Started connecting a Kintone account',
  'audit.action.connected': 'Connected a Kintone account',
  'audit.action.disconnected': 'Disconnected a Kintone account',
  'audit.action.reconnectNeeded': 'A Kintone connection needs reconnecting',
  'audit.action.revoked': 'Revoked Kintone authorization',
  'audit.action.memberAdded': 'Added a member',
  'audit.action.memberRemoved': 'Removed a member',
  'audit.action.roleChanged': "Changed a member's role",
  'audit.action.workspaceCreated': 'Created the workspace',
  'audit.action.planChanged': 'Changed the plan',

  'error.cause': 'What happened',
  'error.fix': 'How to fix it',
  'error.fields': 'Check these fields',
  'error.code': 'Error code',
  'error.requestId': 'Request ID',
} as const;

export type MessageKey = keyof typeof en;
