import {
  catalogueEntry,
  formatLocalized,
  type KintoneIntegrationView,
  type KintoneScope,
  kintoneScopeDescriptions,
  parseAuthorizationEndpoint,
} from '@notta/shared';
import { type FormEvent, useId, useRef, useState } from 'react';
import { type Failure, failureOf, type KintoneApi } from '../api/kintone';
import { CopyField } from '../components/CopyField';
import { FailureNotice } from '../components/FailureNotice';
import { useT } from '../i18n';
import { goToAuthorization } from './navigate';

type Run = (name: string, change: () => ReturnType<KintoneApi['setStep']>) => Promise<Failure | null>;

export interface StepProps {
  view: KintoneIntegrationView;
  api: KintoneApi;
  run: Run;
  busy: string | null;
  setBusy: (name: string | null) => void;
}

/** A step's frame: heading, body, then its main action with any failure shown right above it. */
function StepFrame({
  step,
  title,
  intro,
  children,
}: {
  step: number;
  title: string;
  intro: string;
  children: React.ReactNode;
}) {
  const { t } = useT();
  return (
    <section className="wizard-step" aria-labelledby={`wizard-step-${step}`}>
      <p className="eyebrow">{t('wizard.stepper.step', { step })}</p>
      <h2 id={`wizard-step-${step}`} className="wizard-step__title" tabIndex={-1}>
        {title}
      </h2>
      <p className="lead">{intro}</p>
      {children}
    </section>
  );
}

/** "Done, next": completes an instruction-only step on the server, showing why if it could not. */
function CompleteStep({
  label,
  busy,
  complete,
}: {
  label: string;
  busy: string | null;
  complete: () => Promise<Failure | null>;
}) {
  const [failure, setFailure] = useState<Failure | null>(null);
  return (
    <>
      {failure && <FailureNotice failure={failure} />}
      <div className="wizard-step__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={busy !== null}
          onClick={() => void complete().then(setFailure)}
        >
          {label}
        </button>
      </div>
    </>
  );
}

function Path({ children }: { children: string }) {
  return <strong className="ui-path">{children}</strong>;
}

export function Step1({ view, api, run, busy }: StepProps) {
  const { t } = useT();
  const facts = view.facts;
  if (!facts) return null;
  return (
    <StepFrame step={1} title={t('wizard.step1.title')} intro={t('wizard.step1.intro')}>
      <ol className="instructions">
        <li>
          {t('wizard.step1.open')} <Path>{t('kintone.ui.oauthPath')}</Path>
        </li>
        <li>
          {t('wizard.step1.add')} <Path>{t('kintone.ui.addClient')}</Path>
        </li>
        <li>{t('wizard.step1.fill')}</li>
      </ol>
      <div className="copy-list">
        <CopyField label={t('wizard.step1.clientName')} value={facts.clientName} />
        <div className="copy-field">
          <span className="copy-field__label">{t('wizard.step1.clientLogo')}</span>
          <div className="logo-download">
            <img src={facts.clientLogoUrl} alt={t('wizard.step1.logoAlt')} width={64} height={64} />
            <a className="button" href={facts.clientLogoUrl} download="notta-logo.png">
              {t('wizard.step1.download')}
            </a>
          </div>
          <p className="field__hint">{t('wizard.step1.logoHint')}</p>
        </div>
        <CopyField
          label={t('wizard.step1.redirect')}
          value={facts.redirectEndpoint}
          hint={t('wizard.step1.redirectHint')}
        />
      </div>
      <ol className="instructions" start={4}>
        <li>
          {t('wizard.step1.save')} <Path>{t('kintone.ui.save')}</Path>
        </li>
      </ol>
      <CompleteStep
        label={t('wizard.step1.next')}
        busy={busy}
        complete={() => run('client-added', api.clientAdded)}
      />
    </StepFrame>
  );
}

export function Step2({ api, run, busy }: StepProps) {
  const { t } = useT();
  return (
    <StepFrame step={2} title={t('wizard.step2.title')} intro={t('wizard.step2.intro')}>
      <ol className="instructions">
        <li>
          {t('wizard.step2.open')} <Path>{t('kintone.ui.oauthPath')}</Path>
        </li>
        <li>
          {t('wizard.step2.configure')} <Path>{t('kintone.ui.configureUsers')}</Path>
        </li>
        <li>{t('wizard.step2.tick')}</li>
        <li>
          {t('wizard.step2.save')} <Path>{t('kintone.ui.save')}</Path>
        </li>
      </ol>
      <div className="notice notice--warning">
        <p className="notice__title notice__title--warning">{t('wizard.step2.laterTitle')}</p>
        <p>{t('wizard.step2.laterBody')}</p>
      </div>
      <CompleteStep
        label={t('wizard.next')}
        busy={busy}
        complete={() => run('users-configured', api.usersConfigured)}
      />
    </StepFrame>
  );
}

type CredentialField = 'clientId' | 'clientSecret' | 'authorizationEndpoint';
type FieldErrors = Partial<Record<CredentialField, string>>;

/** The field a server `fields[].path` names (`clientId`, `body.clientId`, `/clientSecret`…), if any. */
function credentialField(path: string): CredentialField | null {
  const last = path
    .split(/[./[\]]/)
    .filter(Boolean)
    .pop();
  return last === 'clientId' || last === 'clientSecret' || last === 'authorizationEndpoint' ? last : null;
}

export function Step3({ view, api, run, busy }: StepProps) {
  const { t, localize } = useT();
  const stored = view.client;
  const devOrigins = view.facts?.kintoneDevOrigins;
  const [clientId, setClientId] = useState(stored?.clientId ?? '');
  const [secret, setSecret] = useState('');
  const [replacingSecret, setReplacingSecret] = useState(!stored);
  const [endpoint, setEndpoint] = useState(stored?.tenant.authorizationEndpoint ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<Failure | null>(null);
  const [saved, setSaved] = useState(false);
  const secretInput = useRef<HTMLInputElement>(null);
  const ids = { clientId: useId(), clientSecret: useId(), authorizationEndpoint: useId(), token: useId() };

  const parsed = endpoint.trim()
    ? parseAuthorizationEndpoint(endpoint, { extraOrigins: devOrigins ?? [] })
    : null;

  const endpointError = (value: string): string | undefined => {
    const result = parseAuthorizationEndpoint(value, { extraOrigins: devOrigins ?? [] });
    if (result.ok) return undefined;
    const entry = catalogueEntry(result.error.code);
    return localize(formatLocalized(entry.cause, result.error.params ?? {}));
  };

  const tokenError = (value: string): string | undefined => {
    if (!value.trim()) return t('wizard.step3.required');
    if (!/^[\x21-\x7e]+$/.test(value.trim())) return t('wizard.step3.noSpaces');
    return undefined;
  };

  const validate = (): FieldErrors => {
    const next: FieldErrors = {};
    const idError = tokenError(clientId);
    if (idError) next.clientId = idError;
    if (replacingSecret) {
      const secretError = tokenError(secret);
      if (secretError) next.clientSecret = secretError;
    }
    const epError = endpointError(endpoint);
    if (epError) next.authorizationEndpoint = epError;
    return next;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setFailure(null);
    const found = validate();
    setErrors(found);
    const first = (['clientId', 'clientSecret', 'authorizationEndpoint'] as const).find((f) => found[f]);
    if (first) {
      document.getElementById(ids[first])?.focus();
      return;
    }
    const result = await run('credentials', () =>
      api.linkClient({
        clientId: clientId.trim(),
        authorizationEndpoint: endpoint.trim(),
        ...(replacingSecret ? { clientSecret: secret.trim() } : {}),
      }),
    );
    if (!result) {
      setSaved(true);
      setSecret('');
      setReplacingSecret(false);
      return;
    }
    if (result.kind === 'api-error') {
      const fieldErrors: FieldErrors = {};
      for (const field of result.body.error.fields ?? []) {
        const name = credentialField(field.path);
        if (name) fieldErrors[name] = field.message;
      }
      // An endpoint the server's parser refused comes as its own catalogue code: say it beside the field.
      if (result.body.error.code.startsWith('KINTONE_ENDPOINT_') && !fieldErrors.authorizationEndpoint) {
        fieldErrors.authorizationEndpoint = localize(result.body.error.cause);
      }
      setErrors(fieldErrors);
    }
    setFailure(result);
  };

  const describedBy = (field: CredentialField, hintId?: string) =>
    [errors[field] ? `${ids[field]}-error` : null, hintId].filter(Boolean).join(' ') || undefined;

  const fieldError = (field: CredentialField) =>
    errors[field] ? (
      <p className="field__error" id={`${ids[field]}-error`}>
        {errors[field]}
      </p>
    ) : null;

  const confirmedTenant = stored && !replacingSecret ? stored.tenant : null;

  return (
    <StepFrame step={3} title={t('wizard.step3.title')} intro={t('wizard.step3.intro')}>
      <ol className="instructions">
        <li>
          {t('wizard.step3.open')} <Path>{t('kintone.ui.oauthPath')}</Path>
        </li>
        <li>{t('wizard.step3.edit')}</li>
        <li>{t('wizard.step3.copy')}</li>
      </ol>
      {failure && <FailureNotice failure={failure} />}
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <div className="field">
          <label className="field__label" htmlFor={ids.clientId}>
            {t('wizard.step3.clientId')}
          </label>
          <input
            id={ids.clientId}
            className="input input--mono"
            value={clientId}
            autoComplete="off"
            spellCheck={false}
            aria-invalid={errors.clientId ? true : undefined}
            aria-describedby={describedBy('clientId')}
            onChange={(event) => setClientId(event.target.value)}
          />
          {fieldError('clientId')}
        </div>

        <div className="field">
          <label className="field__label" htmlFor={ids.clientSecret}>
            {t('wizard.step3.clientSecret')}
          </label>
          {replacingSecret ? (
            <div className="field__row">
              <input
                ref={secretInput}
                id={ids.clientSecret}
                className="input input--mono"
                type="password"
                value={secret}
                autoComplete="off"
                spellCheck={false}
                aria-invalid={errors.clientSecret ? true : undefined}
                aria-describedby={describedBy('clientSecret', `${ids.clientSecret}-hint`)}
                onChange={(event) => setSecret(event.target.value)}
              />
              {stored && (
                <button
                  type="button"
                  className="button button--quiet"
                  onClick={() => {
                    setReplacingSecret(false);
                    setSecret('');
                    setErrors((e) => ({ ...e, clientSecret: undefined }));
                  }}
                >
                  {t('wizard.step3.keepSecret')}
                </button>
              )}
            </div>
          ) : (
            <div className="field__row">
              <output
                id={ids.clientSecret}
                className="input input--mono input--static"
                aria-describedby={`${ids.clientSecret}-hint`}
              >
                {stored?.clientSecretMasked}
              </output>
              <button
                type="button"
                className="button"
                aria-label={t('wizard.step3.replaceLabel')}
                onClick={() => {
                  setReplacingSecret(true);
                  window.setTimeout(() => secretInput.current?.focus(), 0);
                }}
              >
                {t('wizard.step3.replace')}
              </button>
            </div>
          )}
          <p className="field__hint" id={`${ids.clientSecret}-hint`}>
            {t(replacingSecret ? 'wizard.step3.secretHint' : 'wizard.step3.secretStored')}
          </p>
          {fieldError('clientSecret')}
        </div>

        <div className="field">
          <label className="field__label" htmlFor={ids.authorizationEndpoint}>
            {t('wizard.step3.endpoint')}
          </label>
          <input
            id={ids.authorizationEndpoint}
            className="input input--mono"
            value={endpoint}
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            placeholder="https://example.cybozu.com/oauth2/authorization"
            aria-invalid={errors.authorizationEndpoint ? true : undefined}
            aria-describedby={describedBy('authorizationEndpoint', `${ids.authorizationEndpoint}-hint`)}
            onChange={(event) => {
              setEndpoint(event.target.value);
              if (errors.authorizationEndpoint) {
                setErrors((e) => ({ ...e, authorizationEndpoint: endpointError(event.target.value) }));
              }
            }}
            onBlur={(event) => {
              if (event.target.value.trim()) {
                setErrors((e) => ({ ...e, authorizationEndpoint: endpointError(event.target.value) }));
              }
            }}
          />
          <p className="field__hint" id={`${ids.authorizationEndpoint}-hint`}>
            {t('wizard.step3.endpointHint')}
          </p>
          {fieldError('authorizationEndpoint')}
        </div>

        {(confirmedTenant || (parsed?.ok && !errors.authorizationEndpoint)) && (
          <div className="field">
            <label className="field__label" htmlFor={ids.token}>
              {t('wizard.step3.tokenEndpoint')}
            </label>
            <input
              id={ids.token}
              className="input input--mono input--static"
              readOnly
              value={parsed?.ok ? parsed.tenant.tokenEndpoint : (confirmedTenant?.tokenEndpoint ?? '')}
              aria-describedby={`${ids.token}-hint`}
            />
            <p className="field__hint" id={`${ids.token}-hint`}>
              {t('wizard.step3.tokenHint')}
            </p>
          </div>
        )}

        {saved && (
          <p className="notice notice--success" role="status">
            {t('wizard.step3.saved')}
          </p>
        )}

        <div className="wizard-step__actions">
          <button type="submit" className="button button--primary" disabled={busy !== null}>
            {busy === 'credentials' ? t('wizard.step3.confirming') : t('wizard.step3.confirm')}
          </button>
          {stored && !replacingSecret && (
            <button
              type="button"
              className="button"
              disabled={busy !== null}
              onClick={() => void run('step', () => api.setStep(4)).then(setFailure)}
            >
              {t('wizard.next')}
            </button>
          )}
        </div>
      </form>
    </StepFrame>
  );
}

export function Step4({ view, api, run, busy, setBusy }: StepProps) {
  const { t, localize } = useT();
  const [failure, setFailure] = useState<Failure | null>(null);
  const questionId = useId();
  const facts = view.facts;
  const answer = view.usesIpRestriction;

  const authorize = async () => {
    setFailure(null);
    setBusy('authorize');
    const outcome = await api.authorize();
    if (outcome.kind === 'ok') {
      goToAuthorization(outcome.data.authorizationUrl);
      return;
    }
    setBusy(null);
    setFailure(failureOf(outcome));
  };

  const choose = (value: boolean) => {
    setFailure(null);
    void run('ip', () => api.setIpRestriction(value)).then(setFailure);
  };

  return (
    <StepFrame step={4} title={t('wizard.step4.title')} intro={t('wizard.step4.intro')}>
      {view.client && (
        <p className="wizard-step__tenant">
          {t('wizard.step4.tenant')} <code>{view.client.tenant.baseUrl}</code>
        </p>
      )}
      <fieldset className="choice" aria-describedby={`${questionId}-hint`}>
        <legend className="choice__legend">{t('wizard.step4.ipQuestion')}</legend>
        <p className="field__hint" id={`${questionId}-hint`}>
          {t('wizard.step4.ipHint')}
        </p>
        <div className="choice__options">
          {([true, false] as const).map((value) => (
            <label key={String(value)} className="choice__option">
              <input
                type="radio"
                name={questionId}
                checked={answer === value}
                disabled={busy !== null}
                onChange={() => choose(value)}
              />
              {t(value ? 'wizard.step4.ipYes' : 'wizard.step4.ipNo')}
            </label>
          ))}
        </div>
      </fieldset>

      {answer === true && facts && (
        <section className="subsection" aria-label={t('wizard.step4.ipTitle')}>
          <h3 className="subsection__title">{t('wizard.step4.ipTitle')}</h3>
          <div className="copy-list">
            <CopyField label={t('wizard.step4.ipAddress')} value={facts.egressIp} />
            <CopyField label={t('wizard.step4.cidr')} value={facts.egressCidr} />
          </div>
          <ol className="instructions">
            <li>
              {t('wizard.step4.ipOpen')} <Path>{t('kintone.ui.accessControl')}</Path>
            </li>
            <li>{t('wizard.step4.ipConfigure')}</li>
            <li>{t('wizard.step4.ipAdd')}</li>
            <li>
              {t('wizard.step4.ipSave')} <Path>{t('kintone.ui.save')}</Path>
            </li>
          </ol>
        </section>
      )}

      {facts && facts.scopes.length > 0 && (
        <section className="subsection" aria-label={t('wizard.step4.scopesTitle')}>
          <h3 className="subsection__title">{t('wizard.step4.scopesTitle')}</h3>
          <ul className="scopes">
            {facts.scopes.map((scope) => (
              <li key={scope}>
                {scope in kintoneScopeDescriptions
                  ? localize(kintoneScopeDescriptions[scope as KintoneScope])
                  : scope}{' '}
                <code className="muted">{scope}</code>
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="notice notice--info">
        <p>{t('wizard.step4.adminNote')}</p>
      </div>
      {failure && <FailureNotice failure={failure} />}
      <div className="wizard-step__actions">
        <button
          type="button"
          className="button button--primary button--large"
          disabled={busy !== null || answer === null || !view.client}
          onClick={() => void authorize()}
        >
          {busy === 'authorize' ? t('wizard.step4.authorizing') : t('wizard.step4.authorize')}
        </button>
        {answer === null && <p className="field__hint">{t('wizard.step4.answerFirst')}</p>}
      </div>
    </StepFrame>
  );
}
