import { useT } from '../i18n';

/** Shown instead of a page that threw while rendering, so one broken screen never blanks the app. */
export function RouteError() {
  const { t } = useT();
  return (
    <div className="page page--narrow">
      <h1>{t('routeError.title')}</h1>
      <p className="lead">{t('routeError.body')}</p>
      <button type="button" className="button button--primary" onClick={() => window.location.reload()}>
        {t('routeError.reload')}
      </button>
    </div>
  );
}
