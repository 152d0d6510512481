// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_IDS, mountConfigForm } from '../src/js/config-form';
import { dictionaries } from '../src/js/i18n';
import { CONFIG_KEYS } from '../src/js/plugin-config';
import { fakeKintone } from './helpers/fake-kintone';

afterEach(() => {
  document.body.replaceChildren();
});

function setup(options: Parameters<typeof fakeKintone>[0] = {}) {
  const fake = fakeKintone(options);
  const root = document.createElement('section');
  document.body.append(root);
  const navigate = vi.fn();
  const form = mountConfigForm(document, root, { kintone: fake.kintone, pluginId: 'plugin-x', navigate });
  const input = form.querySelector<HTMLInputElement>(`#${CONFIG_IDS.url}`)!;
  const error = form.querySelector<HTMLElement>(`#${CONFIG_IDS.error}`)!;
  const status = form.querySelector<HTMLElement>(`#${CONFIG_IDS.status}`)!;
  const [cancel, save] = Array.from(form.querySelectorAll('button'));
  const submit = (value: string) => {
    input.value = value;
    save!.click();
  };
  return { ...fake, root, form, input, error, status, cancel: cancel!, save: save!, navigate, submit };
}

describe.each(['en', 'ja'] as const)('config form in %s', (language) => {
  const t = dictionaries[language];

  it('shows the labels in the user language', () => {
    const { form, save, cancel } = setup({ language });
    expect(form.lang).toBe(language);
    expect(form.querySelector('h2')!.textContent).toBe(t.configTitle);
    expect(form.querySelector('label')!.textContent).toBe(t.nottaUrlLabel);
    expect(save.textContent).toBe(t.save);
    expect(cancel.textContent).toBe(t.cancel);
  });

  it.each([
    ['http://app.notta.ai', 'urlNotHttps'],
    ['junk', 'urlNotHttps'],
    ['https://exa mple.com', 'urlInvalid'],
    ['https://me:pw@app.notta.ai', 'urlHasCredentials'],
    ['', 'urlRequired'],
  ] as const)('rejects %j beside the field and does not save', (value, key) => {
    const { input, error, setConfig, navigate, submit } = setup({ language });
    submit(value);
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe(t[key]);
    expect(input.nextElementSibling).toBe(error);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')).toContain(CONFIG_IDS.error);
    expect(document.activeElement).toBe(input);
    expect(setConfig).not.toHaveBeenCalled();
    expect(navigate).not.toHaveBeenCalled();
  });
});

describe('config form', () => {
  it('saves a valid https URL with only non-secret keys, then returns to the plug-in settings', () => {
    const { setConfig, navigate, submit, error } = setup({ appId: 7 });
    submit(' https://app.notta.ai/ ');
    expect(error.hidden).toBe(true);
    expect(setConfig).toHaveBeenCalledTimes(1);
    const [saved, callback] = setConfig.mock.calls[0]!;
    expect(saved).toEqual({ nottaUrl: 'https://app.notta.ai' });
    expect(Object.keys(saved)).toEqual([...CONFIG_KEYS]);
    for (const [name, value] of Object.entries(saved)) {
      expect(name).not.toMatch(/secret|token|password|key/i);
      expect(typeof value).toBe('string');
    }
    expect(callback).toBeTypeOf('function');
    expect(navigate).toHaveBeenCalledWith('../../flow?app=7');
  });

  it('navigates only after Kintone confirms the save', () => {
    const { setConfig, navigate, submit, save } = setup();
    let confirm: (() => void) | undefined;
    setConfig.mockImplementation((_config, callback) => {
      confirm = callback;
    });
    submit('https://app.notta.ai');
    expect(navigate).not.toHaveBeenCalled();
    expect(save.disabled).toBe(true);
    confirm!();
    expect(navigate).toHaveBeenCalledWith('../../flow?app=42');
  });

  it('clears the error once the user edits the field', () => {
    const { input, error, submit } = setup();
    submit('http://x');
    expect(error.hidden).toBe(false);
    input.dispatchEvent(new Event('input'));
    expect(error.hidden).toBe(true);
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('prefills the saved URL', () => {
    const { input, getConfig } = setup({ config: { nottaUrl: 'https://app.notta.ai' } });
    expect(getConfig).toHaveBeenCalledWith('plugin-x');
    expect(input.value).toBe('https://app.notta.ai');
  });

  it('cancels without saving', () => {
    const { cancel, setConfig, navigate, input } = setup({ appId: 9 });
    input.value = 'https://app.notta.ai';
    cancel.click();
    expect(setConfig).not.toHaveBeenCalled();
    expect(navigate).toHaveBeenCalledWith('../../flow?app=9');
  });

  it('says so when setConfig throws, and lets the user try again', () => {
    const { setConfig, status, save, submit, navigate } = setup({ language: 'ja' });
    setConfig.mockImplementation(() => {
      throw new Error('too large');
    });
    submit('https://app.notta.ai');
    expect(status.textContent).toBe(dictionaries.ja.saveFailed);
    expect(save.disabled).toBe(false);
    expect(navigate).not.toHaveBeenCalled();
  });
});
