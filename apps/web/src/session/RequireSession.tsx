import { Navigate, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/Loading';
import { useT } from '../i18n';
import { useSession } from './SessionProvider';

/** Shows its routes to a signed-in user who belongs to a workspace; sends anyone else to sign in, then back. */
export function RequireSession() {
  const { t } = useT();
  const { state, membership, reload } = useSession();
  const location = useLocation();

  if (state.status === 'loading') {
    return <Loading text={t('session.loading')} />;
  }
  if (state.status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }
  if (state.status === 'unavailable') {
    return (
      <div className="page page--narrow">
        <h1>{t('session.unavailable.title')}</h1>
        <p className="lead">{t('session.unavailable.body')}</p>
        <button type="button" className="button button--primary" onClick={() => reload()}>
          {t('session.retry')}
        </button>
      </div>
    );
  }
  if (!membership) {
    return (
      <div className="page page--narrow">
        <h1>{t('session.noWorkspace.title')}</h1>
        <p className="lead">{t('session.noWorkspace.body')}</p>
      </div>
    );
  }
  return <Outlet />;
}
