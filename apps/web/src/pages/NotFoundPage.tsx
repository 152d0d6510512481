import { Link, useLocation } from 'react-router';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useT } from '../i18n';

export function NotFoundPage() {
  const { t } = useT();
  const { pathname } = useLocation();
  useDocumentTitle(t('notFound.title'));

  return (
    <div className="page page--narrow">
      <p className="eyebrow">404</p>
      <h1>{t('notFound.title')}</h1>
      <p className="lead">{t('notFound.body', { path: pathname })}</p>
      <Link to="/integrations" className="button button--primary">
        {t('notFound.home')}
      </Link>
    </div>
  );
}
