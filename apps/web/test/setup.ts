import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
import { resetBrowserLanguages } from './helpers';

afterEach(() => {
  cleanup();
  window.localStorage.clear();
  resetBrowserLanguages();
  document.documentElement.removeAttribute('lang');
  document.title = '';
});
