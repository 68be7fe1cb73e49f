import "@patternfly/patternfly/patternfly-addons.css";
import "@patternfly/react-core/dist/styles/base.css";
import "@keycloak/keycloak-admin-ui/styles.css";
import "./console.css";

import {
  AdminUi,
  KeycloakProvider,
  routes,
  type AdminEnvironment,
} from "@keycloak/keycloak-admin-ui";
import { getInjectedEnvironment } from "@keycloak/keycloak-ui-shared";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { createHashRouter, RouterProvider } from "react-router-dom";
import { initI18n } from "./i18n";
import { kcentraRoutes } from "./routes";

const environment = getInjectedEnvironment<AdminEnvironment>();
await initI18n(environment);

// Our routes join Keycloak's own list (which its breadcrumbs read too). They are more specific than Keycloak's
// declarative-page routes (".../page-section/:providerId"), so the router picks ours: the menu entries Keycloak
// draws for our UiPageProvider components open our pages instead of the generic component list.
routes.unshift(...kcentraRoutes);
const router = createHashRouter([
  {
    path: "/",
    element: <AdminUi />,
    children: routes,
  },
]);

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <KeycloakProvider environment={environment}>
      <RouterProvider router={router} />
    </KeycloakProvider>
  </StrictMode>,
);
