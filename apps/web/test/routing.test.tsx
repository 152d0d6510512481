import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { healthy, mockBackend, ready, renderApp, signedIn } from './helpers';

describe('routing', () => {
  it('lands on Integrations & Apps from /', async () => {
    mockBackend(signedIn());
    const { router } = renderApp('/');

    expect(router.state.location.pathname).toBe('/integrations');
    expect(await screen.findByRole('heading', { level: 1, name: 'Integrations & Apps' })).toBeTruthy();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Integrations & Apps' }).getAttribute('aria-current')).toBe(
      'page',
    );
    expect(within(nav).getByRole('link', { name: 'System status' }).getAttribute('aria-current')).toBeNull();
    expect(document.title).toBe('Integrations & Apps · Notta');
  });

  it('frames every page with a header, navigation, main and footer', async () => {
    mockBackend(signedIn());
    renderApp('/integrations');
    await screen.findByRole('heading', { level: 1, name: 'Integrations & Apps' });

    expect(within(screen.getByRole('banner')).getByText('Notta')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('contentinfo')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Skip to main content' }).getAttribute('href')).toBe('#main');
  });

  it('lists Kintone as not connected, with Connect opening the setup for an admin', async () => {
    mockBackend(signedIn());
    const { router } = renderApp('/integrations');

    const card = await screen.findByRole('article', { name: 'Kintone' });
    expect(await within(card).findByText('Not connected')).toBeTruthy();
    expect(
      within(card).getByText(
        'Send meeting summaries, action items and transcripts to Kintone apps as records.',
      ),
    ).toBeTruthy();
    fireEvent.click(within(card).getByRole('link', { name: 'Connect' }));
    expect(router.state.location.pathname).toBe('/integrations/kintone/setup');
  });

  it('shows the 404 page for an unknown path, with a way back', async () => {
    mockBackend(signedIn());
    const { router } = renderApp('/no/such/page');

    expect(screen.getByRole('heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(screen.getByText('There is no page at /no/such/page.')).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeTruthy();

    fireEvent.click(screen.getByRole('link', { name: 'Go to Integrations & Apps' }));
    expect(router.state.location.pathname).toBe('/integrations');
    expect(await screen.findByRole('heading', { level: 1, name: 'Integrations & Apps' })).toBeTruthy();
  });

  it('shows the 404 page in Japanese too', () => {
    window.localStorage.setItem('notta.locale', 'ja');
    renderApp('/nowhere');

    expect(screen.getByRole('heading', { level: 1, name: 'ページが見つかりません' })).toBeTruthy();
    expect(screen.getByText('/nowhere というページはありません。')).toBeTruthy();
  });

  it('navigates to System status from the header', async () => {
    mockBackend({ ...signedIn(), '/healthz': healthy, '/readyz': ready });
    const { router } = renderApp('/integrations');
    await screen.findByRole('heading', { level: 1, name: 'Integrations & Apps' });

    fireEvent.click(screen.getByRole('link', { name: 'System status' }));

    expect(router.state.location.pathname).toBe('/status');
    expect(screen.getByRole('heading', { level: 1, name: 'System status' })).toBeTruthy();
    expect(await screen.findByRole('heading', { name: 'Notta is ready' })).toBeTruthy();
  });
});
