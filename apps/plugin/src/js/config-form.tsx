/**
 * The plug-in settings screen (React; built with Preact's compatibility layer, see README). Connection
 * (Notta URL and plug-in key), field mapping, panel placement, Save and Cancel.
 *
 * The plug-in key is saved ONLY with setProxyConfig (Kintone adds it to proxy calls server-side) and never
 * with setConfig. A saved key is never read into the page: only whether one exists is shown.
 */
import {
  compatibleFields,
  type KintoneFieldInfo,
  type LinkAppRequest,
  type MeetingField,
  meetingFieldRules,
  meetingFields,
} from '@notta/shared';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  expectedTypes,
  MIN_KEY_LENGTH,
  mappingErrors,
  readFormFields,
  readSpacers,
  suggestMapping,
} from './config-logic';
import { type I18n, i18nFor } from './i18n';
import type { ConfigKintone } from './kintone-api';
import {
  type ConnectionInfo,
  callNotta,
  type NottaProblem,
  PLUGIN_KEY_HEADER_NAME,
  PROXY_METHODS,
  readConnection,
  unreachable,
} from './notta-api';
import {
  type MeetingMappingDraft,
  parseNottaUrl,
  pluginApiBase,
  readPluginConfig,
  toConfigRecord,
} from './plugin-config';

export interface ConfigFormOptions {
  readonly kintone: ConfigKintone;
  readonly pluginId: string;
  /** Leaves the settings page; the entry passes `(url) => { location.href = url; }`. */
  readonly navigate: (url: string) => void;
  /** The Kintone tenant's base URL; defaults to the page's origin. */
  readonly tenantBaseUrl?: string;
  /** Defaults to the signed-in user's language. */
  readonly i18n?: I18n;
}

export const CONFIG_IDS = {
  form: 'notta-config-form',
  url: 'notta-config-url',
  urlError: 'notta-config-url-error',
  key: 'notta-config-key',
  keyError: 'notta-config-key-error',
  test: 'notta-config-test',
  testResult: 'notta-config-test-result',
  mapping: 'notta-config-mapping',
  space: 'notta-config-space',
  spaceError: 'notta-config-space-error',
  status: 'notta-config-status',
} as const;

export const mappingId = (field: MeetingField) => `notta-config-map-${field}`;
export const mappingErrorId = (field: MeetingField) => `notta-config-map-${field}-error`;

/** The app's plug-in settings list, where Kintone's own sample plug-in returns after saving. */
export function pluginListUrl(appId: number | null): string {
  return `../../flow?app=${appId ?? ''}`;
}

/** True when every method's proxy configuration for this URL holds a plug-in key (its value is not kept). */
export function hasSavedKey(kintone: ConfigKintone, nottaUrl: string): boolean {
  return PROXY_METHODS.every((method) => {
    let entry: ReturnType<ConfigKintone['plugin']['app']['getProxyConfig']> = null;
    try {
      entry = kintone.plugin.app.getProxyConfig(pluginApiBase(nottaUrl), method);
    } catch {
      return false;
    }
    return Object.entries(entry?.headers ?? {}).some(
      ([name, value]) => name.toLowerCase() === PLUGIN_KEY_HEADER_NAME.toLowerCase() && value !== '',
    );
  });
}

/** setProxyConfig as a promise, whether Kintone calls back or returns a promise. */
function saveProxyConfig(kintone: ConfigKintone, url: string, method: string, key: string): Promise<void> {
  return new Promise((resolve, reject) => {
    try {
      const r = kintone.plugin.app.setProxyConfig(
        url,
        method,
        { [PLUGIN_KEY_HEADER_NAME]: key },
        {},
        resolve,
      );
      if (r && typeof (r as PromiseLike<unknown>).then === 'function')
        (r as PromiseLike<unknown>).then(undefined, reject);
    } catch (error) {
      reject(error);
    }
  });
}

function ProblemBox({ problem, i18n, id }: { problem: NottaProblem; i18n: I18n; id?: string }) {
  const l = i18n.locale;
  return (
    <div className="notta-problem" role="alert" id={id}>
      <strong className="notta-problem__title">{problem.title[l]}</strong>
      <p className="notta-problem__cause">{i18n.t('problemCause', { text: problem.cause[l] })}</p>
      <p className="notta-problem__fix">{i18n.t('problemFix', { text: problem.fix[l] })}</p>
    </div>
  );
}

function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return (
    <span className="notta-field__error" id={id} role="alert" hidden={!message}>
      {message ?? ''}
    </span>
  );
}

type Fields =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'ready'; fields: KintoneFieldInfo[]; spacers: string[]; appName: string | null };

type TestState =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'ok'; info: ConnectionInfo }
  | { kind: 'failed'; problem: NottaProblem }
  | { kind: 'message'; text: string };

interface Errors {
  url?: string;
  key?: string;
  space?: string;
  mapping: Partial<Record<MeetingField, string>>;
}

export function ConfigForm({
  kintone,
  pluginId,
  navigate,
  tenantBaseUrl,
  i18n,
}: ConfigFormOptions & { i18n: I18n }) {
  const { t, locale } = i18n;
  const appId = kintone.app.getId();
  const tenant = tenantBaseUrl ?? location.origin;
  const saved = useMemo(() => readPluginConfig(kintone.plugin.app.getConfig(pluginId)), [kintone, pluginId]);
  const savedUrl = saved.kind === 'configured' ? saved.config.nottaUrl : '';
  const keyWasSaved = useMemo(() => savedUrl !== '' && hasSavedKey(kintone, savedUrl), [kintone, savedUrl]);

  const [url, setUrl] = useState(savedUrl);
  const [key, setKey] = useState('');
  const [replacingKey, setReplacingKey] = useState(!keyWasSaved);
  const [fields, setFields] = useState<Fields>({ kind: 'loading' });
  const [mapping, setMapping] = useState<MeetingMappingDraft>(
    saved.kind === 'configured' ? saved.config.mapping : {},
  );
  const [space, setSpace] = useState(saved.kind === 'configured' ? (saved.config.panelSpace ?? '') : '');
  const [submitted, setSubmitted] = useState(false);
  const [errors, setErrors] = useState<Errors>({ mapping: {} });
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ text: string; problem?: NottaProblem } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    let live = true;
    const get = (path: string, params: Record<string, unknown>) =>
      Promise.resolve(kintone.api(kintone.api.url(path, true), 'GET', params));
    Promise.all([
      get('/k/v1/app/form/fields.json', { app: appId }),
      get('/k/v1/app/form/layout.json', { app: appId }),
      get('/k/v1/app.json', { id: appId }).catch(() => null),
    ]).then(
      ([fieldsJson, layoutJson, appJson]) => {
        if (!live) return;
        const list = readFormFields(fieldsJson);
        const name = (appJson as { name?: unknown } | null)?.name;
        setFields({
          kind: 'ready',
          fields: list,
          spacers: readSpacers(layoutJson),
          appName: typeof name === 'string' ? name : null,
        });
        if (saved.kind !== 'configured' || Object.keys(saved.config.mapping).length === 0)
          setMapping(suggestMapping(list));
      },
      (error: unknown) => {
        if (!live) return;
        const message = (error as { message?: unknown } | null)?.message;
        setFields({ kind: 'failed', message: typeof message === 'string' ? message : String(error) });
      },
    );
    return () => {
      live = false;
    };
  }, [kintone, appId, saved]);

  const fieldList = fields.kind === 'ready' ? fields.fields : [];
  const liveMappingErrors = useMemo(
    () => (fields.kind === 'ready' ? mappingErrors(mapping, fieldList, i18n, submitted) : {}),
    [fields.kind, mapping, fieldList, i18n, submitted],
  );

  const parsedUrl = parseNottaUrl(url);
  const urlChanged = parsedUrl.ok ? parsedUrl.value !== savedUrl : true;
  const usingSavedKey = keyWasSaved && !replacingKey && !urlChanged;

  function validate(): Errors {
    const next: Errors = { mapping: {} };
    if (!parsedUrl.ok) next.url = t(parsedUrl.error);
    if (!usingSavedKey) {
      const typed = key.trim();
      if (typed === '') next.key = keyWasSaved && urlChanged ? t('keyAgainForNewUrl') : t('keyRequired');
      else if (typed.length < MIN_KEY_LENGTH || /\s/.test(typed)) next.key = t('keyTooShort');
    }
    if (fields.kind !== 'ready') next.mapping.meetingId = t('mappingLoading');
    else {
      next.mapping = mappingErrors(mapping, fields.fields, i18n, true);
      if (space !== '' && !fields.spacers.includes(space)) next.space = t('placementMissing', { id: space });
    }
    return next;
  }

  // "Not saved: correct the fields marked below" goes away once the admin has corrected them all.
  useEffect(() => {
    if (status?.text !== t('fixErrors')) return;
    const left = validate();
    if (!left.url && !left.key && !left.space && !Object.values(left.mapping).some(Boolean)) setStatus(null);
  });

  async function onTest() {
    if (!parsedUrl.ok) {
      setTest({ kind: 'message', text: t('testNeedsUrl') });
      return;
    }
    const typed = key.trim();
    if (!usingSavedKey && typed === '') {
      setTest({ kind: 'message', text: t('testNeedsKey') });
      return;
    }
    setTest({ kind: 'testing' });
    // Before the first save no proxy configuration exists, so the typed key goes as a header; when a key
    // is saved for this URL, Kintone's saved value wins.
    const result = await callNotta(
      kintone,
      pluginId,
      parsedUrl.value,
      `connection?tenantBaseUrl=${encodeURIComponent(tenant)}`,
      'GET',
      { headers: typed ? { [PLUGIN_KEY_HEADER_NAME]: typed } : {} },
    );
    if (!result.ok) {
      setTest({ kind: 'failed', problem: result.problem });
      return;
    }
    const info = readConnection(result.value);
    setTest(
      info
        ? { kind: 'ok', info }
        : { kind: 'failed', problem: unreachable(200, new URL(parsedUrl.value).host) },
    );
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    setSubmitted(true);
    setStatus(null);
    const found = validate();
    setErrors(found);
    const firstInvalid = found.url
      ? CONFIG_IDS.url
      : found.key
        ? CONFIG_IDS.key
        : (meetingFields.find((f) => found.mapping[f]) &&
            mappingId(meetingFields.find((f) => found.mapping[f]) as MeetingField)) ||
          (found.space ? CONFIG_IDS.space : null);
    if (firstInvalid || !parsedUrl.ok || fields.kind !== 'ready') {
      setStatus({ text: t('fixErrors') });
      if (firstInvalid) formRef.current?.ownerDocument.getElementById(firstInvalid)?.focus();
      return;
    }
    const nottaUrl = parsedUrl.value;
    const typed = key.trim();
    setSaving(true);
    try {
      // 1. The key: only into the plug-in proxy configuration, for each method the plug-in calls.
      if (!usingSavedKey) {
        for (const method of PROXY_METHODS)
          await saveProxyConfig(kintone, pluginApiBase(nottaUrl), method, typed);
      }
      // 2. Link the app in Notta; on a catalogue error stay here and say why.
      const body: LinkAppRequest = {
        tenantBaseUrl: tenant,
        ...(fields.appName ? { appName: fields.appName } : {}),
        mapping: mapping as LinkAppRequest['mapping'],
        panelSpace: space === '' ? null : space,
      };
      const linked = await callNotta(kintone, pluginId, nottaUrl, `apps/${appId}`, 'PUT', {
        headers: typed && !usingSavedKey ? { [PLUGIN_KEY_HEADER_NAME]: typed } : {},
        data: body as unknown as Record<string, unknown>,
      });
      if (!linked.ok) {
        setStatus({ text: t('linkFailed'), problem: linked.problem });
        setSaving(false);
        return;
      }
      // 3. The non-secret settings; Kintone calls back once saved, then back to the plug-in list.
      kintone.plugin.app.setConfig(
        toConfigRecord({ nottaUrl, mapping, panelSpace: space === '' ? null : space }),
        () => navigate(pluginListUrl(appId)),
      );
    } catch {
      setSaving(false);
      setStatus({ text: t('saveFailed') });
    }
  }

  const shownErrors: Errors = submitted
    ? { ...errors, mapping: liveMappingErrors }
    : { mapping: liveMappingErrors };
  const uniqueTextMissing = fields.kind === 'ready' && compatibleFields('meetingId', fieldList).length === 0;

  return (
    <form
      className="notta-config"
      id={CONFIG_IDS.form}
      lang={locale}
      noValidate
      onSubmit={onSubmit}
      ref={formRef}
    >
      <h2 className="notta-config__title">{t('configTitle')}</h2>
      <p className="notta-config__intro">{t('configIntro')}</p>

      <fieldset className="notta-section">
        <legend className="notta-section__title">{t('sectionConnection')}</legend>
        <div className="notta-field">
          <label className="notta-field__label" htmlFor={CONFIG_IDS.url}>
            {t('nottaUrlLabel')}
            <span className="notta-required">*</span>
          </label>
          <p className="notta-field__hint">{t('nottaUrlHint')}</p>
          <div className="notta-field__row">
            <input
              className="notta-input"
              id={CONFIG_IDS.url}
              name="nottaUrl"
              type="url"
              inputMode="url"
              autoComplete="url"
              spellCheck={false}
              placeholder="https://app.notta.ai"
              value={url}
              aria-invalid={shownErrors.url ? 'true' : undefined}
              aria-describedby={CONFIG_IDS.urlError}
              onChange={(e) => {
                setUrl((e.target as HTMLInputElement).value);
                setErrors((x) => ({ ...x, url: undefined }));
                setTest({ kind: 'idle' });
              }}
            />
            <FieldError id={CONFIG_IDS.urlError} message={shownErrors.url} />
          </div>
        </div>

        <div className="notta-field">
          <label className="notta-field__label" htmlFor={CONFIG_IDS.key}>
            {t('keyLabel')}
            <span className="notta-required">*</span>
          </label>
          <p className="notta-field__hint">{t('keyHint')}</p>
          {usingSavedKey ? (
            <div className="notta-field__row">
              <span className="notta-saved" data-testid="key-saved">
                {t('keySaved')}
              </span>
              <button
                type="button"
                className="notta-button notta-button--small"
                onClick={() => setReplacingKey(true)}
              >
                {t('keyReplace')}
              </button>
            </div>
          ) : (
            <div className="notta-field__row">
              <input
                className="notta-input"
                id={CONFIG_IDS.key}
                name="pluginKey"
                type="password"
                autoComplete="off"
                spellCheck={false}
                value={key}
                aria-invalid={shownErrors.key ? 'true' : undefined}
                aria-describedby={CONFIG_IDS.keyError}
                onChange={(e) => {
                  setKey((e.target as HTMLInputElement).value);
                  setErrors((x) => ({ ...x, key: undefined }));
                }}
              />
              {keyWasSaved && !urlChanged ? (
                <button
                  type="button"
                  className="notta-button notta-button--small"
                  onClick={() => {
                    setReplacingKey(false);
                    setKey('');
                    setErrors((x) => ({ ...x, key: undefined }));
                  }}
                >
                  {t('keyKeep')}
                </button>
              ) : null}
              <FieldError id={CONFIG_IDS.keyError} message={shownErrors.key} />
            </div>
          )}
        </div>

        <div className="notta-field__row">
          <button
            type="button"
            className="notta-button"
            id={CONFIG_IDS.test}
            disabled={test.kind === 'testing'}
            onClick={() => void onTest()}
          >
            {test.kind === 'testing' ? t('testing') : t('testConnection')}
          </button>
          {keyWasSaved && key.trim() !== '' && !urlChanged ? (
            <span className="notta-field__hint">{t('testSavedKeyNote')}</span>
          ) : null}
        </div>
        <div id={CONFIG_IDS.testResult} className="notta-test-result" aria-live="polite">
          {test.kind === 'ok' ? (
            <p className="notta-success" role="status">
              {t('testOk', { workspace: test.info.workspaceName, tenant: test.info.tenantBaseUrl })}
            </p>
          ) : null}
          {test.kind === 'failed' ? <ProblemBox problem={test.problem} i18n={i18n} /> : null}
          {test.kind === 'message' ? (
            <p className="notta-field__error" role="alert">
              {test.text}
            </p>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="notta-section" id={CONFIG_IDS.mapping}>
        <legend className="notta-section__title">{t('sectionMapping')}</legend>
        <p className="notta-field__hint">{t('mappingIntro')}</p>
        {fields.kind === 'loading' ? <p className="notta-muted">{t('mappingLoading')}</p> : null}
        {fields.kind === 'failed' ? (
          <p className="notta-field__error" role="alert">
            {t('mappingLoadFailed', { message: fields.message })}
          </p>
        ) : null}
        {fields.kind === 'ready' ? (
          <table className="notta-mapping">
            <tbody>
              {meetingFields.map((field) => {
                const rule = meetingFieldRules[field];
                const options = compatibleFields(field, fieldList);
                const current = mapping[field] ?? '';
                const currentInfo = fieldList.find((f) => f.code === current);
                const stray = current !== '' && !options.some((f) => f.code === current);
                const error = shownErrors.mapping[field];
                return (
                  <tr key={field} className="notta-mapping__row" data-field={field}>
                    <th scope="row">
                      <label htmlFor={mappingId(field)}>{rule.label[locale]}</label>
                      {rule.required ? <span className="notta-required">{t('mappingRequired')}</span> : null}
                    </th>
                    <td>
                      <select
                        className="notta-select"
                        id={mappingId(field)}
                        value={current}
                        aria-invalid={error ? 'true' : undefined}
                        aria-describedby={`${mappingErrorId(field)} ${mappingId(field)}-hint`}
                        onChange={(e) => {
                          const value = (e.target as HTMLSelectElement).value;
                          setMapping((m) => ({ ...m, [field]: value === '' ? undefined : value }));
                        }}
                      >
                        <option value="">{t('mappingNotMapped')}</option>
                        {options.map((f) => (
                          <option key={f.code} value={f.code}>
                            {f.label && f.label !== f.code ? `${f.label} (${f.code})` : f.code}
                          </option>
                        ))}
                        {stray ? (
                          <option value={current}>
                            {currentInfo?.label ? `${currentInfo.label} (${current})` : current}
                          </option>
                        ) : null}
                      </select>
                      <FieldError id={mappingErrorId(field)} message={error} />
                      <p className="notta-field__hint" id={`${mappingId(field)}-hint`}>
                        {field === 'meetingId'
                          ? t('mappingMeetingIdHint')
                          : t('mappingTypes', { types: expectedTypes(field, i18n) })}
                        {field === 'meetingId' && uniqueTextMissing ? ` ${t('mappingNoUniqueText')}` : null}
                        {field !== 'meetingId' && options.length === 0
                          ? ` ${t('mappingNoCompatible')}`
                          : null}
                      </p>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        ) : null}
      </fieldset>

      <fieldset className="notta-section">
        <legend className="notta-section__title">{t('sectionPlacement')}</legend>
        <div className="notta-field">
          <label className="notta-field__label" htmlFor={CONFIG_IDS.space}>
            {t('placementLabel')}
          </label>
          <div className="notta-field__row">
            <select
              className="notta-select"
              id={CONFIG_IDS.space}
              value={space}
              aria-invalid={shownErrors.space ? 'true' : undefined}
              aria-describedby={CONFIG_IDS.spaceError}
              onChange={(e) => {
                setSpace((e.target as HTMLSelectElement).value);
                setErrors((x) => ({ ...x, space: undefined }));
              }}
            >
              <option value="">{t('placementHeader')}</option>
              {(fields.kind === 'ready' ? fields.spacers : []).map((id) => (
                <option key={id} value={id}>
                  {t('placementSpace', { id })}
                </option>
              ))}
              {space !== '' && fields.kind === 'ready' && !fields.spacers.includes(space) ? (
                <option value={space}>{t('placementSpace', { id: space })}</option>
              ) : null}
            </select>
            <FieldError id={CONFIG_IDS.spaceError} message={shownErrors.space} />
          </div>
          <p className="notta-field__hint">{t('placementHint')}</p>
        </div>
      </fieldset>

      <div className="notta-config__status" id={CONFIG_IDS.status} aria-live="polite">
        {status ? (
          <p className="notta-field__error" role="alert">
            {status.text}
          </p>
        ) : null}
        {status?.problem ? <ProblemBox problem={status.problem} i18n={i18n} /> : null}
      </div>

      <div className="notta-config__actions">
        <button
          type="button"
          className="notta-button notta-button--secondary"
          onClick={() => navigate(pluginListUrl(appId))}
        >
          {t('cancel')}
        </button>
        <button type="submit" className="notta-button notta-button--primary" disabled={saving}>
          {saving ? t('saving') : t('save')}
        </button>
      </div>
    </form>
  );
}

/** Renders the settings screen into `root` (config.html's element). Returns a function that unmounts it. */
export function mountConfigForm(root: HTMLElement, options: ConfigFormOptions): () => void {
  const i18n = options.i18n ?? i18nFor(options.kintone);
  const reactRoot = createRoot(root);
  reactRoot.render(<ConfigForm {...options} i18n={i18n} />);
  return () => reactRoot.unmount();
}
