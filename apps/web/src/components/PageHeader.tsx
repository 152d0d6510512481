import { Link } from 'react-router';
import { useT } from '../i18n';

/** The top of a page under Integrations & Apps: the way back, the title and one line of introduction. */
export function PageHeader({ title, intro }: { title: string; intro: string }) {
  const { t } = useT();
  return (
    <div className="page__header">
      <Link to="/integrations" className="back-link">
        ← {t('nav.integrations')}
      </Link>
      <h1>{title}</h1>
      <p className="lead">{intro}</p>
    </div>
  );
}
