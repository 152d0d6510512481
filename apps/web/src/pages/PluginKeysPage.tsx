import type { PluginKeySummary } from '@notta/shared';
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { type Failure, failureOf } from '../api/kintone';
import { usePluginKeysApi } from '../api/pluginKeys';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CopyField } from '../components/CopyField';
import { FailureNotice } from '../components/FailureNotice';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDateTime, useT } from '../i18n';

/**
 * Plug-in keys (owners and admins; the server decides and this page shows its refusal). A new key's secret is
 * held only in this component's state and shown once; leaving the page forgets it.
 */
export function PluginKeysPage() {
  const { t, locale } = useT();
  useDocumentTitle(t('pluginKeys.title'));
  const api = usePluginKeysApi();
  const labelId = useId();
  const [keys, setKeys] = useState<PluginKeySummary[] | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [label, setLabel] = useState('');
  const [labelError, setLabelError] = useState(false);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<{ label: string; secret: string } | null>(null);
  const [revoking, setRevoking] = useState<PluginKeySummary | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const outcome = await api.list();
    if (outcome.kind === 'ok') {
      setKeys(outcome.data.keys);
      setFailure(null);
    } else setFailure(failureOf(outcome));
  }, [api]);

  useEffect(() => {
    void load();
  }, [load]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (!label.trim()) {
      setLabelError(true);
      return;
    }
    setCreating(true);
    const outcome = await api.create(label.trim());
    setCreating(false);
    if (outcome.kind !== 'ok') {
      setFailure(failureOf(outcome));
      return;
    }
    setCreated({ label: outcome.data.key.label, secret: outcome.data.secret });
    setLabel('');
    setLabelError(false);
    await load();
  };

  const revoke = async () => {
    if (!revoking) return;
    setBusy(true);
    const outcome = await api.revoke(revoking.id);
    setBusy(false);
    setRevoking(null);
    if (outcome.kind !== 'ok') setFailure(failureOf(outcome));
    await load();
  };

  const date = (iso: string | null) => (iso ? formatDateTime(iso, locale) : t('pluginKeys.neverUsed'));

  return (
    <div className="page">
      <PageHeader title={t('pluginKeys.title')} intro={t('pluginKeys.intro')} />
      {failure && <FailureNotice failure={failure} />}

      {created && (
        <section className="notice notice--success" aria-labelledby={`${labelId}-created`}>
          <h2 id={`${labelId}-created`}>{t('pluginKeys.created.title', { label: created.label })}</h2>
          <p className="notice notice--warning" role="alert">
            {t('pluginKeys.created.warning')}
          </p>
          <CopyField
            label={t('pluginKeys.created.secretLabel')}
            value={created.secret}
            hint={t('pluginKeys.created.hint')}
          />
          <button type="button" className="button" onClick={() => setCreated(null)}>
            {t('pluginKeys.created.done')}
          </button>
        </section>
      )}

      <form className="field" onSubmit={(event) => void create(event)} noValidate>
        <label className="field__label" htmlFor={labelId}>
          {t('pluginKeys.label')}
        </label>
        <div className="field__row">
          <input
            id={labelId}
            className="input"
            value={label}
            maxLength={100}
            autoComplete="off"
            aria-invalid={labelError ? true : undefined}
            aria-describedby={labelError ? `${labelId}-error` : `${labelId}-hint`}
            onChange={(event) => setLabel(event.target.value)}
          />
          <button type="submit" className="button button--primary" disabled={creating}>
            {creating ? t('pluginKeys.creating') : t('pluginKeys.create')}
          </button>
        </div>
        {labelError ? (
          <p className="field__error" id={`${labelId}-error`}>
            {t('pluginKeys.labelRequired')}
          </p>
        ) : (
          <p className="field__hint" id={`${labelId}-hint`}>
            {t('pluginKeys.labelHint')}
          </p>
        )}
      </form>

      {!keys && !failure && <Loading text={t('kintone.loading')} />}
      {keys && keys.length === 0 && <p className="muted">{t('pluginKeys.empty')}</p>}
      {keys && keys.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('pluginKeys.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('pluginKeys.column.label')}</th>
                <th scope="col">{t('pluginKeys.column.prefix')}</th>
                <th scope="col">{t('pluginKeys.column.created')}</th>
                <th scope="col">{t('pluginKeys.column.lastUsed')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('pluginKeys.column.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key.id}>
                  <th scope="row">
                    <span className="table__name">{key.label}</span>
                    {key.createdBy && (
                      <span className="table__sub">
                        {t('pluginKeys.createdBy', { name: key.createdBy.name })}
                      </span>
                    )}
                  </th>
                  <td>
                    <code>{key.prefix}…</code>
                  </td>
                  <td>{formatDateTime(key.createdAt, locale)}</td>
                  <td>{date(key.lastUsedAt)}</td>
                  <td>
                    <button
                      type="button"
                      className="button button--danger-quiet"
                      onClick={() => setRevoking(key)}
                      aria-label={t('pluginKeys.revokeNamed', { label: key.label })}
                    >
                      {t('pluginKeys.revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {revoking && (
        <ConfirmDialog
          title={t('pluginKeys.revokeDialog.title', { label: revoking.label })}
          confirmLabel={busy ? t('pluginKeys.revokeDialog.confirming') : t('pluginKeys.revokeDialog.confirm')}
          cancelLabel={t('common.cancel')}
          busy={busy}
          onConfirm={() => void revoke()}
          onCancel={() => setRevoking(null)}
        >
          <p>{t('pluginKeys.revokeDialog.body', { prefix: revoking.prefix })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
