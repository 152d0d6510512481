import { catalogueEntry, isErrorCode, isWorkspaceAdmin, oauthResultQuery } from '@notta/shared';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { type Failure, useKintoneApi } from '../api/kintone';
import { FailureNotice } from '../components/FailureNotice';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useT } from '../i18n';
import { CatalogueCodeNotice } from '../kintone/CatalogueCodeNotice';
import { stepNumber, stepTitles } from '../kintone/states';
import { useSession } from '../session/SessionProvider';

/** Where Kintone's authorization round trip ends: success, or the catalogue entry of what went wrong. */
export function KintoneResultPage() {
  const { t } = useT();
  useDocumentTitle(t('result.title'));
  const [params] = useSearchParams();
  const parsed = oauthResultQuery.safeParse(Object.fromEntries(params));
  const query = parsed.success ? parsed.data : { error: params.get('error') ?? 'INTERNAL' };
  const { membership, selectWorkspace } = useSession();
  const returnedTo = parsed.success ? parsed.data.workspaceId : undefined;
  // The flow belongs to one workspace: show its result there even if another was chosen since.
  useEffect(() => {
    if (returnedTo && membership?.workspace.id !== returnedTo) selectWorkspace(returnedTo);
  }, [returnedTo, membership?.workspace.id, selectWorkspace]);

  return (
    <div className="page page--medium">
      <Link to="/integrations" className="back-link">
        ← {t('nav.integrations')}
      </Link>
      {query.error ? (
        <ResultError code={query.error} />
      ) : query.outcome ? (
        <section className="result result--success" aria-labelledby="result-title">
          <span className="result__icon" aria-hidden="true">
            ✓
          </span>
          <h1 id="result-title">
            {t(query.outcome === 'authorized' ? 'result.authorized.title' : 'result.connected.title')}
          </h1>
          <p className="lead">
            {t(query.outcome === 'authorized' ? 'result.authorized.body' : 'result.connected.body')}
          </p>
          <Link to="/integrations" className="button button--primary">
            {t('notFound.home')}
          </Link>
        </section>
      ) : (
        <section className="result">
          <h1>{t('result.empty.title')}</h1>
          <p className="lead">{t('result.empty.body')}</p>
          <Link to="/integrations" className="button button--primary">
            {t('notFound.home')}
          </Link>
        </section>
      )}
    </div>
  );
}

function ResultError({ code }: { code: string }) {
  const { t, text } = useT();
  const { membership } = useSession();
  const api = useKintoneApi();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const entry = isErrorCode(code) ? catalogueEntry(code) : null;
  const step = entry?.step ? stepNumber(entry.step) : null;
  const admin = membership ? isWorkspaceAdmin(membership.role) : false;

  const goToStep = async (n: number) => {
    setBusy(true);
    setFailure(null);
    const outcome = await api.setStep(n);
    setBusy(false);
    if (outcome.kind === 'ok') navigate('/integrations/kintone/setup');
    else if (outcome.kind === 'api-error') setFailure({ kind: 'api-error', body: outcome.body });
    else setFailure({ kind: outcome.kind });
  };

  return (
    <section className="result" aria-labelledby="result-title">
      <h1 id="result-title">{t('result.error.title')}</h1>
      <CatalogueCodeNotice code={code} />
      {failure && <FailureNotice failure={failure} />}
      <div className="result__actions">
        {step && admin && (
          <button
            type="button"
            className="button button--primary"
            disabled={busy}
            onClick={() => void goToStep(step)}
          >
            {t('wizard.goToStep', { step, title: text(stepTitles[step] ?? 'wizard.step1.title') })}
          </button>
        )}
        {step && !admin && <p className="muted">{t('result.error.memberStep')}</p>}
        <Link to="/integrations" className="button">
          {t('notFound.home')}
        </Link>
      </div>
    </section>
  );
}
