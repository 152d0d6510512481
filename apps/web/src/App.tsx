import { type DataRouter, RouterProvider } from 'react-router';
import { I18nProvider } from './i18n';
import { SessionProvider } from './session/SessionProvider';

/** The whole app around a router: a browser router in `main.tsx`, a memory router in tests. */
export function App({ router }: { router: DataRouter }) {
  return (
    <I18nProvider>
      <SessionProvider>
        <RouterProvider router={router} />
      </SessionProvider>
    </I18nProvider>
  );
}
