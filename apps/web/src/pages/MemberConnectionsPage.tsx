import type { MemberConnection } from '@notta/shared';
import { useEffect, useState } from 'react';
import { type Failure, failureOf, useKintoneApi } from '../api/kintone';
import { FailureNotice } from '../components/FailureNotice';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { StatusPill, type Tone } from '../components/StatusPill';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDateTime, type MessageKey, useT } from '../i18n';

const statusPill: Record<MemberConnection['status'], { tone: Tone; label: MessageKey }> = {
  connected: { tone: 'success', label: 'connections.status.connected' },
  'needs-reconnect': { tone: 'warning', label: 'connections.status.needsReconnect' },
  'never-connected': { tone: 'neutral', label: 'connections.status.never' },
};

const roleNames: Record<MemberConnection['member']['role'], MessageKey> = {
  owner: 'role.owner',
  admin: 'role.admin',
  member: 'role.member',
};

/** Every member's own Kintone connection (owners and admins). */
export function MemberConnectionsPage() {
  const { t, text, locale } = useT();
  useDocumentTitle(t('connections.title'));
  const api = useKintoneApi();
  const [connections, setConnections] = useState<MemberConnection[] | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    let live = true;
    void api.connections().then((outcome) => {
      if (!live) return;
      if (outcome.kind === 'ok') setConnections(outcome.data.connections);
      else setFailure(failureOf(outcome));
    });
    return () => {
      live = false;
    };
  }, [api]);

  const date = (iso: string | null) => (iso ? formatDateTime(iso, locale) : '—');

  return (
    <div className="page">
      <PageHeader title={t('connections.title')} intro={t('connections.intro')} />
      {failure && <FailureNotice failure={failure} />}
      {!connections && !failure && <Loading text={t('kintone.loading')} />}
      {connections && connections.length === 0 && <p className="muted">{t('connections.empty')}</p>}
      {connections && connections.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('connections.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('connections.member')}</th>
                <th scope="col">{t('connections.role')}</th>
                <th scope="col">{t('connections.status')}</th>
                <th scope="col">{t('connections.since')}</th>
                <th scope="col">{t('connections.lastUsed')}</th>
              </tr>
            </thead>
            <tbody>
              {connections.map((c) => (
                <tr key={c.member.id}>
                  <th scope="row">
                    <span className="table__name">{c.member.name}</span>
                    <span className="table__sub">{c.member.email}</span>
                  </th>
                  <td>{text(roleNames[c.member.role])}</td>
                  <td>
                    <StatusPill tone={statusPill[c.status].tone}>
                      {text(statusPill[c.status].label)}
                    </StatusPill>
                  </td>
                  <td>{date(c.connectedAt)}</td>
                  <td>{date(c.lastUsedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
