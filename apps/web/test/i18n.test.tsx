import { fireEvent, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { dictionaries, LOCALE_STORAGE_KEY } from '../src/i18n';
import { mockBackend, renderApp, setBrowserLanguages, signedIn } from './helpers';

describe('language', () => {
  beforeEach(() => {
    mockBackend(signedIn());
  });

  it('defaults to Japanese when the browser prefers ja-JP', async () => {
    setBrowserLanguages(['ja-JP', 'en-US']);
    renderApp('/integrations');

    expect(await screen.findByRole('heading', { level: 1, name: '連携とアプリ' })).toBeTruthy();
    expect(await screen.findByText('接続されていません')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'システムの状態' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('ja');
    expect(document.title).toBe('連携とアプリ | Notta');
    // Only an explicit choice is remembered.
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBeNull();
  });

  it('takes the first supported language from the browser list, English when there is none', async () => {
    setBrowserLanguages(['fr-FR', 'ja', 'en']);
    const first = renderApp('/integrations');
    expect(await screen.findByRole('heading', { level: 1, name: '連携とアプリ' })).toBeTruthy();
    first.unmount();

    setBrowserLanguages(['fr-FR', 'de']);
    renderApp('/integrations');
    expect(await screen.findByRole('heading', { level: 1, name: 'Integrations & Apps' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('lets a stored choice win over the browser', async () => {
    setBrowserLanguages(['ja-JP']);
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'en');
    renderApp('/integrations');

    expect(await screen.findByRole('heading', { level: 1, name: 'Integrations & Apps' })).toBeTruthy();
    expect(await screen.findByText('Not connected')).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('ignores a stored value that is not a supported language', async () => {
    setBrowserLanguages(['ja-JP']);
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'fr');
    renderApp('/integrations');

    expect(await screen.findByRole('heading', { level: 1, name: '連携とアプリ' })).toBeTruthy();
  });

  it('switches language from the header, updates <html lang> and remembers the choice', async () => {
    setBrowserLanguages(['en-US']);
    const { unmount } = renderApp('/integrations');
    const switcher = screen.getByRole('group', { name: 'Language' });
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: '日本語' }));

    expect(await screen.findByRole('heading', { level: 1, name: '連携とアプリ' })).toBeTruthy();
    expect(screen.queryByText('Integrations & Apps')).toBeNull();
    expect(screen.getByRole('group', { name: '言語' })).toBe(switcher);
    expect(screen.getByRole('button', { name: '日本語' }).getAttribute('aria-pressed')).toBe('true');
    expect(document.documentElement.lang).toBe('ja');
    expect(document.title).toBe('連携とアプリ | Notta');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('ja');

    // A new visit, same browser: the choice holds.
    unmount();
    renderApp('/integrations');
    expect(await screen.findByRole('heading', { level: 1, name: '連携とアプリ' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'English' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Integrations & Apps' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
    expect(window.localStorage.getItem(LOCALE_STORAGE_KEY)).toBe('en');
  });

  it('follows a choice made in another tab', async () => {
    setBrowserLanguages(['en-US']);
    renderApp('/integrations');
    window.localStorage.setItem(LOCALE_STORAGE_KEY, 'ja');
    fireEvent(window, new StorageEvent('storage', { key: LOCALE_STORAGE_KEY, newValue: 'ja' }));

    expect(await screen.findByRole('heading', { level: 1, name: '連携とアプリ' })).toBeTruthy();
  });

  it('names each language in itself, marked with its own lang', async () => {
    renderApp('/integrations');
    expect(screen.getByRole('button', { name: '日本語' }).getAttribute('lang')).toBe('ja');
    expect(screen.getByRole('button', { name: 'English' }).getAttribute('lang')).toBe('en');
  });
});

describe('dictionaries', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('have the same keys in English and Japanese', async () => {
    expect(Object.keys(dictionaries.ja).sort()).toEqual(Object.keys(dictionaries.en).sort());
  });

  it('have no empty text and the same placeholders in both languages', async () => {
    for (const [key, text] of Object.entries(dictionaries.en)) {
      const japanese = dictionaries.ja[key as keyof typeof dictionaries.ja];
      expect(text.trim(), key).not.toBe('');
      expect(japanese.trim(), key).not.toBe('');
      expect(placeholders(japanese), key).toEqual(placeholders(text));
    }
  });
});
