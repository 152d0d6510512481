import { type LinkedApp, meetingFieldRules, meetingFields } from '@notta/shared';
import { useEffect, useState } from 'react';
import { type Failure, failureOf } from '../api/kintone';
import { usePluginKeysApi } from '../api/pluginKeys';
import { FailureNotice } from '../components/FailureNotice';
import { Loading } from '../components/Loading';
import { PageHeader } from '../components/PageHeader';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDateTime, useT } from '../i18n';

/** The Kintone apps linked from the plug-in's config screen (every member may look; links change in Kintone). */
export function LinkedAppsPage() {
  const { t, locale } = useT();
  useDocumentTitle(t('linkedApps.title'));
  const api = usePluginKeysApi();
  const [apps, setApps] = useState<LinkedApp[] | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  useEffect(() => {
    let live = true;
    void api.linkedApps().then((outcome) => {
      if (!live) return;
      if (outcome.kind === 'ok') setApps(outcome.data.apps);
      else setFailure(failureOf(outcome));
    });
    return () => {
      live = false;
    };
  }, [api]);

  const mapped = (app: LinkedApp) =>
    meetingFields
      .filter((field) => app.mapping[field])
      .map((field) => `${meetingFieldRules[field].label[locale]} → ${app.mapping[field]}`);

  return (
    <div className="page">
      <PageHeader title={t('linkedApps.title')} intro={t('linkedApps.intro')} />
      {failure && <FailureNotice failure={failure} />}
      {!apps && !failure && <Loading text={t('kintone.loading')} />}
      {apps && apps.length === 0 && <p className="muted">{t('linkedApps.empty')}</p>}
      {apps && apps.length > 0 && (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('linkedApps.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('linkedApps.column.app')}</th>
                <th scope="col">{t('linkedApps.column.tenant')}</th>
                <th scope="col">{t('linkedApps.column.mapping')}</th>
                <th scope="col">{t('linkedApps.column.linkedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {apps.map((app) => (
                <tr key={`${app.tenantBaseUrl} ${app.appId}`}>
                  <th scope="row">
                    <span className="table__name">{app.appName ?? t('linkedApps.unnamed')}</span>
                    <span className="table__sub">{t('linkedApps.appId', { id: app.appId })}</span>
                  </th>
                  <td>{app.tenantBaseUrl}</td>
                  <td>
                    <ul className="plain-list">
                      {mapped(app).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </td>
                  <td>{formatDateTime(app.linkedAt, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
