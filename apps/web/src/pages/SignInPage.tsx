import { type FormEvent, useId, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { type Failure, failureOf } from '../api/kintone';
import { FailureNotice } from '../components/FailureNotice';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { useT } from '../i18n';
import { useSession } from '../session/SessionProvider';

/** Only paths inside Notta Web are followed after sign-in, never another site. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in')
    ? next
    : '/integrations';
}

export function SignInPage() {
  const { t } = useT();
  useDocumentTitle(t('signIn.title'));
  const { state, signIn } = useSession();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<Failure | null>(null);
  const [busy, setBusy] = useState(false);
  const emailId = useId();
  const passwordId = useId();
  const titleId = useId();

  if (state.status === 'signed-in' && !busy) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    const outcome = await signIn(email, password);
    setBusy(false);
    if (outcome.kind === 'ok') navigate(next, { replace: true });
    else setFailure(failureOf(outcome));
  };

  return (
    <div className="page page--narrow sign-in">
      <section className="card sign-in__card" aria-labelledby={titleId}>
        <h1 id={titleId}>{t('signIn.title')}</h1>
        <p className="lead">{t('signIn.intro')}</p>
        {failure && <FailureNotice failure={failure} />}
        <form className="form" onSubmit={(event) => void submit(event)} noValidate={false}>
          <div className="field">
            <label className="field__label" htmlFor={emailId}>
              {t('signIn.email')}
            </label>
            <input
              id={emailId}
              className="input"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(event) => setEmail(event.target.value)}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={passwordId}>
              {t('signIn.password')}
            </label>
            <input
              id={passwordId}
              className="input"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <button type="submit" className="button button--primary button--block" disabled={busy}>
            {busy ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
      </section>
    </div>
  );
}
