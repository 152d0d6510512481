import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { healthy, mockBackend, ready, renderApp } from './helpers';

describe('routing', () => {
  it('lands on Integrations & Apps from /', () => {
    const { router } = renderApp('/');

    expect(router.state.location.pathname).toBe('/integrations');
    expect(screen.getByRole('heading', { level: 1, name: 'Integrations & Apps' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Integrations & Apps' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(within(nav).getByRole('link', { name: 'System status' }).getAttribute('aria-current')).toBeNull();
    expect(document.title).toBe('Integrations & Apps · Notta');
  });

  it('frames every page with a header, navigation, main and footer', () => {
    renderApp('/integrations');

    expect(within(screen.getByRole('banner')).getByText('Notta')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('contentinfo')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe('#main');
  });

  it('lists Kintone as not connected, with Connect disabled until setup ships', () => {
    renderApp('/integrations');

    const card = screen.getByRole('article', { name: 'Kintone' });
    expect(within(card).getByText('Not connected')).toBeTruthy();
    expect(
      within(card).getByText(
        'Send meeting summaries, action items and transcripts to Kintone apps as records.',
      ),
    ).toBeTruthy();
    const connect = within(card).getByRole('button', { name: 'Connect' });
    expect((connect as HTMLButtonElement).disabled).toBe(true);
    expect(connect.getAttribute('aria-describedby')).toBeTruthy();
    const note = document.getElementById(connect.getAttribute('aria-describedby') ?? '');
    expect(note?.textContent).toBe('Guided setup is coming soon.');
  });

  it('shows the 404 page for an unknown path, with a way back', () => {
    const { router } = renderApp('/no/such/page');

    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('There is no page at /no/such/page.')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();

    fireEvent.click(screen.getByRole('link', { name: 'Go to Integrations & Apps' }));
    expect(router.state.location.pathname).toBe('/integrations');
    expect(screen.getByRole('heading', { level: 1, name: 'Integrations & Apps' })).toBeTruthy();
  });

  it('shows the 404 page in Japanese too', () => {
    window.localStorage.setItem('notta.locale', 'ja');
    renderApp('/nowhere');

    expect(screen.getByRole('heading', { level: 1, name: 'ページが見つかりません' })).toBeTruthy();
    expect(screen.getByText('/nowhere というページはありません。')).toBeTruthy();
  });

  it('navigates to System status from the header', async () => {
    mockBackend({ '/healthz': healthy, '/readyz': ready });
    const { router } = renderApp('/integrations');

    fireEvent.click(screen.getByRole('link', { name: 'System status' }));

    expect(router.state.location.pathname).toBe('/status');
    expect(screen.getByRole('heading', { level: 1, name: 'System status' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Notta is ready' })).toBeTruthy();
  });
});
