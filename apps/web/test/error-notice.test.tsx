import { type ApiErrorBody, apiErrorBody } from '@notta/shared';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ErrorNotice } from '../src/components/ErrorNotice';
import { LanguageSwitcher } from '../src/components/LanguageSwitcher';
import { I18nProvider, LocalizedText } from '../src/i18n';
import { setBrowserLanguages } from './helpers';

const invalidRequest: ApiErrorBody = apiErrorBody.parse({
  error: {
    code: 'REQUEST_INVALID',
    status: 400,
    title: { en: 'The request is not valid', ja: 'リクエストが正しくありません' },
    cause: {
      en: 'Some of the values sent are missing or malformed: clientId.',
      ja: '送信された値の一部が不足しているか、形式が正しくありません: clientId。',
    },
    fix: {
      en: 'Correct the values named above and try again.',
      ja: '上に示した値を修正して、もう一度お試しください。',
    },
    step: 'link-client',
    fields: [{ path: 'clientId', message: 'Required' }],
    requestId: 'req-123',
  },
});

function renderNotice() {
  return render(
    <I18nProvider>
      <LanguageSwitcher />
      <ErrorNotice body={invalidRequest} />
    </I18nProvider>,
  );
}

describe('ErrorNotice', () => {
  it('shows the Japanese title, cause, fix and request ID when the locale is ja', () => {
    window.localStorage.setItem('notta.locale', 'ja');
    renderNotice();

    const notice = screen.getByRole('alert');
    expect(within(notice).getByRole('heading', { name: 'リクエストが正しくありません' })).toBeTruthy();
    expect(within(notice).getByText('原因')).toBeTruthy();
    expect(
      within(notice).getByText('送信された値の一部が不足しているか、形式が正しくありません: clientId。'),
    ).toBeTruthy();
    expect(within(notice).getByText('対処方法')).toBeTruthy();
    expect(within(notice).getByText('上に示した値を修正して、もう一度お試しください。')).toBeTruthy();
    expect(within(notice).getByText(/リクエスト ID/)).toBeTruthy();
    expect(within(notice).getByText('req-123')).toBeTruthy();
    expect(within(notice).getByText('clientId')).toBeTruthy();
    expect(within(notice).queryByText('The request is not valid')).toBeNull();
  });

  it('shows the English texts for an English browser, and follows a language switch', () => {
    setBrowserLanguages(['en-GB']);
    renderNotice();

    const notice = screen.getByRole('alert');
    expect(within(notice).getByRole('heading', { name: 'The request is not valid' })).toBeTruthy();
    expect(within(notice).getByText('How to fix it')).toBeTruthy();
    expect(within(notice).getByText(/Request ID/)).toBeTruthy();
    expect(within(notice).getByText('REQUEST_INVALID')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: '日本語' }));
    expect(within(notice).getByRole('heading', { name: 'リクエストが正しくありません' })).toBeTruthy();
  });

  it('leaves out the request ID line when the backend sent none', () => {
    const { requestId: _omitted, ...withoutId } = invalidRequest.error;
    render(
      <I18nProvider>
        <ErrorNotice body={{ error: withoutId }} />
      </I18nProvider>,
    );
    expect(screen.queryByText(/Request ID/)).toBeNull();
  });
});

describe('LocalizedText', () => {
  it('renders a shared Localized value in the current language', () => {
    window.localStorage.setItem('notta.locale', 'ja');
    render(
      <I18nProvider>
        <p>
          <LocalizedText value={{ en: 'Not found', ja: '見つかりません' }} />
        </p>
      </I18nProvider>,
    );
    expect(screen.getByText('見つかりません')).toBeTruthy();
    expect(screen.queryByText('Not found')).toBeNull();
  });
});
