import type { routes } from "@keycloak/keycloak-admin-ui";
import { ErrorRenderer } from "@keycloak/keycloak-admin-ui";
import { AlertProvider, ErrorBoundaryFallback, ErrorBoundaryProvider } from "@keycloak/keycloak-ui-shared";
import { lazy, type ReactNode } from "react";
import { generatePath } from "react-router-dom";

const EntraSsoPage = lazy(() => import("./entra/EntraSsoPage"));
const UserEntraPage = lazy(() => import("./user/UserEntraPage"));
const PasswordAppsPage = lazy(() => import("./vault/PasswordAppsPage"));
const PasswordAppPage = lazy(() => import("./vault/PasswordAppPage"));

type AppRouteObject = (typeof routes)[number];

/** The ids of our UiPageProvider / UiTabProvider components (admin-ui-ext's Java side). */
export const ENTRA_SSO_PAGE = "kcentra-entra-sso";
export const SHARED_CREDENTIALS_PAGE = "kcentra-shared-credentials";
export const USER_ENTRA_TAB = "kcentra-entra";

const appPath = `/:realm/page-section/${SHARED_CREDENTIALS_PAGE}/:appId`;
const appTabPath = `${appPath}/:tab`;
const appsPath = `/:realm/page-section/${SHARED_CREDENTIALS_PAGE}`;

export const toPasswordApp = (realm: string, appId: string, tab?: string) =>
  tab ? generatePath(appTabPath, { realm, appId, tab }) : generatePath(appPath, { realm, appId });
export const toPasswordApps = (realm: string) => generatePath(appsPath, { realm });
export const toUserEntra = (realm: string, id: string) =>
  `/${encodeURIComponent(realm)}/users/${encodeURIComponent(id)}/${USER_ENTRA_TAB}`;
/** Keycloak's own page of a user (its route is not exported by the console package). */
export const toUserDetails = (realm: string, id: string) =>
  `/${encodeURIComponent(realm)}/users/${encodeURIComponent(id)}/settings`;

/**
 * Keycloak's console package bundles its own copy of keycloak-ui-shared, so its contexts are not the ones our pages'
 * useAlerts() and useFetch() see: our pages get their own alert group (the same toasts) and error boundary.
 */
const withAlerts = (page: ReactNode) => (
  <ErrorBoundaryProvider>
    <ErrorBoundaryFallback fallback={ErrorRenderer}>
      <AlertProvider>{page}</AlertProvider>
    </ErrorBoundaryFallback>
  </ErrorBoundaryProvider>
);

export const kcentraRoutes: AppRouteObject[] = [
  {
    path: `/:realm/page-section/${ENTRA_SSO_PAGE}`,
    element: withAlerts(<EntraSsoPage />),
    handle: { access: "view-realm", breadcrumb: (t) => t("kcentraEntraSso") },
  },
  {
    path: appsPath,
    element: withAlerts(<PasswordAppsPage />),
    handle: { access: "view-realm", breadcrumb: (t) => t("kcentraSharedCredentials") },
  },
  // One app, with and without its tab in the path: both more specific than Keycloak's ".../:providerId/:id", so the
  // breadcrumbs name the app's page once instead of Keycloak's generic "Details".
  ...[appPath, appTabPath].map((path) => ({
    path,
    element: withAlerts(<PasswordAppPage />),
    handle: { access: "view-realm" as const, breadcrumb: (t: (key: string) => string) => t("kcentraPasswordApp") },
  })),
  {
    path: `/:realm/users/:id/${USER_ENTRA_TAB}`,
    element: withAlerts(<UserEntraPage />),
    handle: { access: "view-users", breadcrumb: (t) => t("kcentraUserEntra") },
  },
];
