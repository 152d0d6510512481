import { Navigate, type RouteObject } from 'react-router';
import { Layout } from './components/Layout';
import { RouteError } from './components/RouteError';
import { AuditLogPage } from './pages/AuditLogPage';
import { IntegrationsPage } from './pages/IntegrationsPage';
import { KintoneResultPage } from './pages/KintoneResultPage';
import { KintoneSetupPage } from './pages/KintoneSetupPage';
import { LinkedAppsPage } from './pages/LinkedAppsPage';
import { MemberConnectionsPage } from './pages/MemberConnectionsPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { PluginKeysPage } from './pages/PluginKeysPage';
import { SignInPage } from './pages/SignInPage';
import { StatusPage } from './pages/StatusPage';
import { RequireSession } from './session/RequireSession';

/**
 * Every screen of Notta Web. The pathless middle route keeps the header when a page fails to render.
 * Pages of a workspace act on the current one (the header's switcher), so their addresses stay stable.
 */
export const routes: RouteObject[] = [
  {
    path: '/',
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <Navigate to="/integrations" replace /> },
          { path: 'sign-in', element: <SignInPage /> },
          { path: 'status', element: <StatusPage /> },
          {
            element: <RequireSession />,
            children: [
              { path: 'integrations', element: <IntegrationsPage /> },
              { path: 'integrations/kintone/setup', element: <KintoneSetupPage /> },
              { path: 'integrations/kintone/result', element: <KintoneResultPage /> },
              { path: 'integrations/kintone/connections', element: <MemberConnectionsPage /> },
              { path: 'integrations/kintone/plugin-keys', element: <PluginKeysPage /> },
              { path: 'integrations/kintone/apps', element: <LinkedAppsPage /> },
              { path: 'audit-log', element: <AuditLogPage /> },
            ],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
