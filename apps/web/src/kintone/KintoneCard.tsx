import type { ConnectionCheckResponse, KintoneIntegrationView } from '@notta/shared';
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { type Failure, failureOf, useKintoneView } from '../api/kintone';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { FailureNotice } from '../components/FailureNotice';
import { KintoneLogo } from '../components/KintoneLogo';
import { StatusPill } from '../components/StatusPill';
import { formatDateTime, useT } from '../i18n';
import { CatalogueCodeNotice } from './CatalogueCodeNotice';
import { goToAuthorization } from './navigate';
import { cardPill, cardStateOf, planNames } from './states';

/** The Kintone card of Integrations & Apps: its state at a glance and what the viewer can do from here. */
export function KintoneCard() {
  const { t, text, locale } = useT();
  const headingId = useId();
  const { api, view, loadFailure, busy, setBusy, run } = useKintoneView();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [revokeOpen, setRevokeOpen] = useState(false);
  const [revoked, setRevoked] = useState(false);
  const [check, setCheck] = useState<ConnectionCheckResponse | null>(null);

  const startConnection = async () => {
    setFailure(null);
    setBusy('connect');
    const outcome = await api.connect();
    if (outcome.kind === 'ok') {
      goToAuthorization(outcome.data.authorizationUrl);
      return;
    }
    setBusy(null);
    setFailure(failureOf(outcome));
  };

  const disconnect = async () => {
    setFailure(null);
    setCheck(null);
    setFailure(await run('disconnect', api.disconnect));
  };

  const runCheck = async () => {
    setFailure(null);
    setCheck(null);
    setBusy('check');
    const outcome = await api.check();
    setBusy(null);
    if (outcome.kind === 'ok') setCheck(outcome.data);
    else setFailure(failureOf(outcome));
  };

  const revoke = async () => {
    const result = await run('revoke', api.revoke);
    setRevokeOpen(false);
    setFailure(result);
    setRevoked(result === null);
  };

  return (
    <article
      className="integration integration--kintone"
      aria-labelledby={headingId}
      aria-busy={!view && !loadFailure}
    >
      <div className="integration__top">
        <KintoneLogo />
        <div className="integration__body">
          <div className="integration__heading">
            <h2 id={headingId}>{t('integrations.kintone.name')}</h2>
            {view && (
              <StatusPill tone={cardPill[cardStateOf(view)].tone}>
                {text(cardPill[cardStateOf(view)].label, { step: view.currentStep })}
              </StatusPill>
            )}
          </div>
          <p className="integration__description">{t('integrations.kintone.description')}</p>
        </div>
      </div>

      {!view && !loadFailure && (
        <p className="muted" role="status">
          {t('kintone.loading')}
        </p>
      )}
      {loadFailure && <FailureNotice failure={loadFailure} />}
      {view && (
        <CardDetails
          view={view}
          busy={busy}
          onConnect={() => void startConnection()}
          onDisconnect={() => void disconnect()}
          onCheck={() => void runCheck()}
          onRevoke={() => setRevokeOpen(true)}
        />
      )}
      {check && (
        <div className="integration__result">
          {check.ok ? (
            <p className="notice notice--success" role="status">
              {t('kintone.own.checkOk', { time: formatDateTime(check.checkedAt, locale) })}
            </p>
          ) : (
            <CatalogueCodeNotice code={check.error ?? 'INTERNAL'} />
          )}
        </div>
      )}
      {revoked && (
        <div className="notice notice--success integration__result" role="status">
          <p className="notice__title notice__title--success">{t('kintone.revoke.done')}</p>
          <p>{t('kintone.revoke.kintoneSide')}</p>
        </div>
      )}
      {failure && (
        <div className="integration__result">
          <FailureNotice failure={failure} />
        </div>
      )}

      {revokeOpen && (
        <ConfirmDialog
          title={t('kintone.revoke.title')}
          confirmLabel={busy === 'revoke' ? t('kintone.revoke.confirming') : t('kintone.revoke.confirm')}
          cancelLabel={t('common.cancel')}
          busy={busy === 'revoke'}
          onConfirm={() => void revoke()}
          onCancel={() => setRevokeOpen(false)}
        >
          <p>{t('kintone.revoke.body')}</p>
          <p>{t('kintone.revoke.afterwards')}</p>
          <p className="notice notice--warning">{t('kintone.revoke.kintoneSide')}</p>
        </ConfirmDialog>
      )}
    </article>
  );
}

function CardDetails({
  view,
  busy,
  onConnect,
  onDisconnect,
  onCheck,
  onRevoke,
}: {
  view: KintoneIntegrationView;
  busy: string | null;
  onConnect: () => void;
  onDisconnect: () => void;
  onCheck: () => void;
  onRevoke: () => void;
}) {
  const { t, text, locale } = useT();
  const state = cardStateOf(view);
  const admin = view.canManage;
  const authorized = view.state === 'authorized';

  return (
    <div className="integration__details">
      {state === 'plan-excluded' && (
        <p className="integration__note-block">
          {t('kintone.plan.excluded', { plan: text(planNames[view.workspace.plan]) })}
        </p>
      )}

      {state === 'setting-up' && (
        <p className="integration__note-block">{t('kintone.settingUp.body', { step: view.currentStep })}</p>
      )}

      {authorized && view.authorization && (
        <p className="integration__note-block">
          {t('kintone.connected.body', {
            tenant: view.authorization.tenantBaseUrl,
            name: view.authorization.by.name,
            date: formatDateTime(view.authorization.at, locale),
          })}
        </p>
      )}
      {state === 'attention' && <p className="notice notice--warning">{t('kintone.attention.body')}</p>}
      {state === 'revoked' && (
        <p className="integration__note-block">
          {view.revokedAt
            ? t('kintone.revoked.body', { date: formatDateTime(view.revokedAt, locale) })
            : t('kintone.revoked.bodyNoDate')}
        </p>
      )}

      {state !== 'plan-excluded' && !admin && !authorized && (
        <p className="integration__note-block">{t('kintone.member.askAdmin')}</p>
      )}

      {state !== 'plan-excluded' && admin && !authorized && (
        <div className="integration__actions">
          <Link to="/integrations/kintone/setup" className="button button--primary">
            {t(
              state === 'not-connected'
                ? 'integrations.connect'
                : state === 'revoked'
                  ? 'kintone.action.setUpAgain'
                  : 'kintone.action.continueSetup',
            )}
          </Link>
          {state === 'revoked' && (
            <Link to="/audit-log" className="button button--quiet">
              {t('kintone.action.auditLog')}
            </Link>
          )}
        </div>
      )}

      {state !== 'plan-excluded' && authorized && (
        <p className="integration__note-block">
          <Link to="/integrations/kintone/apps">{t('kintone.action.linkedApps')}</Link>
        </p>
      )}

      {state !== 'plan-excluded' && authorized && (
        <OwnConnection
          view={view}
          busy={busy}
          onConnect={onConnect}
          onDisconnect={onDisconnect}
          onCheck={onCheck}
        />
      )}

      {state !== 'plan-excluded' && admin && authorized && (
        <section className="integration__admin" aria-label={t('kintone.admin.label')}>
          <h3 className="integration__subtitle">{t('kintone.admin.label')}</h3>
          <div className="integration__actions">
            <Link to="/integrations/kintone/connections" className="button">
              {t('kintone.action.connections')}
            </Link>
            <Link to="/integrations/kintone/plugin-keys" className="button">
              {t('kintone.action.pluginKeys')}
            </Link>
            <Link to="/audit-log" className="button">
              {t('kintone.action.auditLog')}
            </Link>
            <Link to="/integrations/kintone/setup" className="button">
              {t('kintone.action.reviewSetup')}
            </Link>
            <button type="button" className="button button--danger-quiet" onClick={onRevoke}>
              {t('kintone.action.revoke')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

function OwnConnection({
  view,
  busy,
  onConnect,
  onDisconnect,
  onCheck,
}: {
  view: KintoneIntegrationView;
  busy: string | null;
  onConnect: () => void;
  onDisconnect: () => void;
  onCheck: () => void;
}) {
  const { t, locale } = useT();
  const noteId = useId();
  const { me } = view;
  const date = (iso: string | null) => (iso ? formatDateTime(iso, locale) : t('kintone.own.never'));

  return (
    <section className="integration__own" aria-label={t('kintone.own.label')}>
      <h3 className="integration__subtitle">{t('kintone.own.label')}</h3>
      {me.status === 'connected' && (
        <p>{t('kintone.own.connected', { since: date(me.connectedAt), lastUsed: date(me.lastUsedAt) })}</p>
      )}
      {me.status === 'needs-reconnect' && <p className="text-warning">{t('kintone.own.needsReconnect')}</p>}
      {me.status === 'never-connected' && <p>{t('kintone.own.notConnected')}</p>}
      <div className="integration__actions">
        {me.status !== 'connected' && (
          <button
            type="button"
            className="button button--primary"
            onClick={onConnect}
            disabled={busy !== null}
            aria-describedby={noteId}
          >
            {busy === 'connect'
              ? t('kintone.own.connecting')
              : t(me.status === 'needs-reconnect' ? 'kintone.own.reconnect' : 'integrations.connect')}
          </button>
        )}
        {me.status === 'connected' && (
          <button type="button" className="button" onClick={onCheck} disabled={busy !== null}>
            {busy === 'check' ? t('kintone.own.checking') : t('kintone.own.check')}
          </button>
        )}
        {me.status !== 'never-connected' && (
          <button type="button" className="button" onClick={onDisconnect} disabled={busy !== null}>
            {t('kintone.own.disconnect')}
          </button>
        )}
      </div>
      {me.status !== 'connected' && (
        <p className="integration__note" id={noteId}>
          {t('kintone.own.tickedNote')}
        </p>
      )}
    </section>
  );
}
