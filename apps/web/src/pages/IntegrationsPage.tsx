import { useId } from 'react';
import { KintoneLogo } from '../components/KintoneLogo';
import { StatusPill } from '../components/StatusPill';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useT } from '../i18n';

/** Integrations & Apps: the services Notta connects to. Kintone's setup wizard arrives in a later change. */
export function IntegrationsPage() {
  const { t } = useT();
  useDocumentTitle(t('integrations.title'));
  const titleId = useId();
  const kintoneId = useId();
  const comingSoonId = useId();

  return (
    <div className="page">
      <div className="page__header">
        <h1 id={titleId}>{t('integrations.title')}</h1>
        <p className="lead">{t('integrations.intro')}</p>
      </div>

      <ul className="integration-list" aria-label={t('integrations.listLabel')}>
        <li>
          <article className="integration" aria-labelledby={kintoneId}>
            <KintoneLogo />
            <div className="integration__body">
              <div className="integration__heading">
                <h2 id={kintoneId}>{t('integrations.kintone.name')}</h2>
                <StatusPill tone="neutral">{t('integrations.notConnected')}</StatusPill>
              </div>
              <p className="integration__description">{t('integrations.kintone.description')}</p>
            </div>
            <div className="integration__actions">
              <button
                type="button"
                className="button button--primary"
                disabled
                aria-describedby={comingSoonId}
              >
                {t('integrations.connect')}
              </button>
              <p className="integration__note" id={comingSoonId}>
                {t('integrations.comingSoon')}
              </p>
            </div>
          </article>
        </li>
      </ul>
    </div>
  );
}
