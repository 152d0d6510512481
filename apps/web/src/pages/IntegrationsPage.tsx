import { useDocumentTitle } from '../components/useDocumentTitle';
import { useT } from '../i18n';
import { KintoneCard } from '../kintone/KintoneCard';

/** Integrations & Apps: the services Notta connects to, with the current workspace's Kintone card. */
export function IntegrationsPage() {
  const { t } = useT();
  useDocumentTitle(t('integrations.title'));

  return (
    <div className="page">
      <div className="page__header">
        <h1>{t('integrations.title')}</h1>
        <p className="lead">{t('integrations.intro')}</p>
      </div>

      <ul className="integration-list" aria-label={t('integrations.listLabel')}>
        <li>
          <KintoneCard />
        </li>
      </ul>
    </div>
  );
}
