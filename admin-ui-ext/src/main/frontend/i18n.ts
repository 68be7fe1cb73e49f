import type { AdminEnvironment } from "@keycloak/keycloak-admin-ui";
import i18next from "i18next";
import FetchBackend from "i18next-fetch-backend";
import { initReactI18next } from "react-i18next";

type KeyValue = { key: string; value: string };

/**
 * The same set-up as Keycloak's console (one namespace per realm, with the realm's overrides), except that the
 * messages are always this theme's: Keycloak would take the administered realm's admin theme, which lacks our keys.
 */
export async function initI18n(environment: AdminEnvironment) {
  const theme = environment.resourceUrl.substring(environment.resourceUrl.lastIndexOf("/") + 1);
  await i18next
    .use(FetchBackend)
    .use(initReactI18next)
    .init({
      fallbackLng: "en",
      keySeparator: ".",
      nsSeparator: false,
      interpolation: { escapeValue: false },
      defaultNS: [environment.realm],
      ns: [environment.realm],
      backend: {
        loadPath: `${environment.adminBaseUrl}/resources/{{ns}}/admin/{{lng}}?theme=${encodeURIComponent(theme)}`,
        parse: (data: string) =>
          Object.fromEntries(
            (JSON.parse(data) as KeyValue[]).map(({ key, value }) => [key, value]),
          ),
      },
    });
}
