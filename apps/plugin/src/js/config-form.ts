import { type I18n, i18nFor } from './i18n';
import type { ConfigKintone } from './kintone-api';
import { parseNottaUrl, readPluginConfig, toConfigRecord } from './plugin-config';

export interface ConfigFormOptions {
  readonly kintone: ConfigKintone;
  readonly pluginId: string;
  /** Leaves the settings page; the entry passes `(url) => { location.href = url; }`. */
  readonly navigate: (url: string) => void;
  /** Defaults to the signed-in user's language. */
  readonly i18n?: I18n;
}

export const CONFIG_IDS = {
  form: 'notta-config-form',
  url: 'notta-config-url',
  hint: 'notta-config-url-hint',
  error: 'notta-config-url-error',
  status: 'notta-config-status',
} as const;

/** The app's plug-in settings list, where Kintone's own sample plug-in returns after saving. */
export function pluginListUrl(appId: number | null): string {
  return `../../flow?app=${appId ?? ''}`;
}

function element<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  props: { className?: string; id?: string; text?: string } = {},
): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  if (props.className) el.className = props.className;
  if (props.id) el.id = props.id;
  if (props.text !== undefined) el.textContent = props.text;
  return el;
}

/**
 * Builds the settings form inside `root` and wires Save and Cancel. Save validates the Notta URL, shows
 * the error beside the field, and only on success calls `setConfig({ nottaUrl })`.
 */
export function mountConfigForm(
  doc: Document,
  root: HTMLElement,
  options: ConfigFormOptions,
): HTMLFormElement {
  const { kintone, pluginId, navigate } = options;
  const { t, locale } = options.i18n ?? i18nFor(kintone);

  const form = element(doc, 'form', { className: 'notta-config', id: CONFIG_IDS.form });
  form.noValidate = true;
  form.lang = locale;

  const title = element(doc, 'h2', { className: 'notta-config__title', text: t('configTitle') });
  const intro = element(doc, 'p', { className: 'notta-config__intro', text: t('configIntro') });

  const field = element(doc, 'div', { className: 'notta-field' });
  const label = element(doc, 'label', { className: 'notta-field__label', text: t('nottaUrlLabel') });
  label.htmlFor = CONFIG_IDS.url;
  const hint = element(doc, 'p', {
    className: 'notta-field__hint',
    id: CONFIG_IDS.hint,
    text: t('nottaUrlHint'),
  });
  const row = element(doc, 'div', { className: 'notta-field__row' });
  const input = element(doc, 'input', { className: 'notta-field__input', id: CONFIG_IDS.url });
  input.type = 'url';
  input.name = 'nottaUrl';
  input.inputMode = 'url';
  input.setAttribute('autocomplete', 'url');
  input.spellcheck = false;
  input.placeholder = 'https://app.notta.ai';
  input.setAttribute('aria-describedby', `${CONFIG_IDS.hint} ${CONFIG_IDS.error}`);
  const error = element(doc, 'span', { className: 'notta-field__error', id: CONFIG_IDS.error });
  error.setAttribute('role', 'alert');
  error.hidden = true;
  row.append(input, error);
  field.append(label, hint, row);

  const status = element(doc, 'p', { className: 'notta-config__status', id: CONFIG_IDS.status });
  status.setAttribute('role', 'status');

  const actions = element(doc, 'div', { className: 'notta-config__actions' });
  const cancel = element(doc, 'button', {
    className: 'notta-button notta-button--secondary',
    text: t('cancel'),
  });
  cancel.type = 'button';
  const save = element(doc, 'button', { className: 'notta-button notta-button--primary', text: t('save') });
  save.type = 'submit';
  actions.append(cancel, save);

  form.append(title, intro, field, status, actions);
  root.replaceChildren(form);

  const saved = readPluginConfig(kintone.plugin.app.getConfig(pluginId));
  if (saved.kind === 'configured') input.value = saved.config.nottaUrl;

  const showError = (message: string | null) => {
    error.textContent = message ?? '';
    error.hidden = message === null;
    if (message === null) input.removeAttribute('aria-invalid');
    else input.setAttribute('aria-invalid', 'true');
  };

  input.addEventListener('input', () => showError(null));

  cancel.addEventListener('click', () => navigate(pluginListUrl(kintone.app.getId())));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    status.textContent = '';
    const parsed = parseNottaUrl(input.value);
    if (!parsed.ok) {
      showError(t(parsed.error));
      input.focus();
      return;
    }
    showError(null);
    save.disabled = true;
    save.textContent = t('saving');
    try {
      kintone.plugin.app.setConfig(toConfigRecord({ nottaUrl: parsed.value }), () =>
        navigate(pluginListUrl(kintone.app.getId())),
      );
    } catch {
      save.disabled = false;
      save.textContent = t('save');
      status.textContent = t('saveFailed');
    }
  });

  return form;
}
