import type { AuditEntry } from '@notta/shared';
import { useCallback, useEffect, useState } from 'react';
import { type Failure, failureOf, useKintoneApi } from '../api/kintone';
import { FailureNotice } from '../components/FailureNotice';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDateTime, type MessageKey, useT } from '../i18n';

/**
 * The audit actions Notta Web has words for. The backend records dotted verbs (`kintone.credentials-saved`);
 * an action not listed here is still shown, as its code.
 */
const actionTexts: Record<string, MessageKey> = {
  'kintone.step-changed': 'audit.action.stepChanged',
  'kintone.step-set': 'audit.action.stepChanged',
  'kintone.client-added': 'audit.action.clientAdded',
  'kintone.users-configured': 'audit.action.usersConfigured',
  'kintone.credentials-saved': 'audit.action.credentialsSaved',
  'kintone.credentials-replaced': 'audit.action.credentialsSaved',
  'kintone.ip-restriction-set': 'audit.action.ipRestriction',
  'kintone.ip-restriction-changed': 'audit.action.ipRestriction',
  'kintone.authorization-started': 'audit.action.authorizationStarted',
  'kintone.authorized': 'audit.action.authorized',
  'kintone.authorization-failed': 'audit.action.authorizationFailed',
  'kintone.connected': 'audit.action.connected',
  'kintone.connection-started': 'audit.action.connectionStarted',
  'kintone.disconnected': 'audit.action.disconnected',
  'kintone.reconnect-needed': 'audit.action.reconnectNeeded',
  'kintone.revoked': 'audit.action.revoked',
  'kintone.plugin-key-created': 'audit.action.pluginKeyCreated',
  'kintone.plugin-key-revoked': 'audit.action.pluginKeyRevoked',
  'kintone.app-linked': 'audit.action.appLinked',
  'kintone.app-link-updated': 'audit.action.appLinkUpdated',
  'kintone.app-unlinked': 'audit.action.appUnlinked',
  'member.added': 'audit.action.memberAdded',
  'member.removed': 'audit.action.memberRemoved',
  'member.role-changed': 'audit.action.roleChanged',
  'workspace.created': 'audit.action.workspaceCreated',
  'workspace.plan-changed': 'audit.action.planChanged',
};

/** The workspace's audit log (owners and admins): newest first, a page at a time. */
export function AuditLogPage() {
  const { t, text, locale } = useT();
  useDocumentTitle(t('audit.title'));
  const api = useKintoneApi();
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(
    async (before?: string) => {
      setLoading(true);
      setFailure(null);
      const outcome = await api.auditLog(before);
      setLoading(false);
      if (outcome.kind !== 'ok') {
        setFailure(failureOf(outcome));
        return;
      }
      setEntries((previous) => [...(before ? (previous ?? []) : []), ...outcome.data.entries]);
      setCursor(outcome.data.nextCursor);
    },
    [api],
  );

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="page">
      <PageHeader title={t('audit.title')} intro={t('audit.intro')} />
      {entries && entries.length === 0 && <p className="muted">{t('audit.empty')}</p>}
      {entries && entries.length > 0 && (
        <ol className="audit" aria-label={t('audit.title')}>
          {entries.map((entry) => {
            const key = actionTexts[entry.action];
            const details = Object.entries(entry.details).filter(
              ([, value]) => value !== null && value !== '',
            );
            return (
              <li key={entry.id} className="audit__entry">
                <div className="audit__main">
                  <p className="audit__action">{key ? text(key) : <code>{entry.action}</code>}</p>
                  <p className="audit__who">
                    {entry.actor
                      ? t('audit.by', { name: entry.actor.name, email: entry.actor.email })
                      : t('audit.bySystem')}
                  </p>
                  {details.length > 0 && (
                    <dl className="audit__details">
                      {details.map(([name, value]) => (
                        <div key={name}>
                          <dt>{name}</dt>
                          <dd>{String(value)}</dd>
                        </div>
                      ))}
                    </dl>
                  )}
                </div>
                <time className="audit__time" dateTime={entry.at}>
                  {formatDateTime(entry.at, locale)}
                </time>
              </li>
            );
          })}
        </ol>
      )}
      {failure && <FailureNotice failure={failure} />}
      {loading && <Loading text={t('kintone.loading')} />}
      {cursor && !loading && (
        <div>
          <button type="button" className="button" onClick={() => void load(cursor)}>
            {t('audit.loadMore')}
          </button>
        </div>
      )}
    </div>
  );
}
