import { useAccess, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import { KeycloakSpinner, useAlerts, useFetch } from "@keycloak/keycloak-ui-shared";
import { AlertVariant, PageSection, Tab, Tabs, TabTitleText } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router-dom";
import { useKcentraApi } from "../api";
import { ConfirmButton } from "../ConfirmButton";
import { toPasswordApp, toPasswordApps } from "../routes";
import { AccessLogTab } from "./AccessLogTab";
import { AccessTab } from "./AccessTab";
import { AppForm } from "./AppForm";
import { CredentialTab } from "./CredentialTab";
import { useFreshSignIn } from "./FreshSignIn";
import { GroupsTab } from "./GroupsTab";
import { RotationTab } from "./RotationTab";
import { VAULT, type PasswordApp } from "./types";

const TABS = ["settings", "credential", "groups", "access", "access-log", "rotation"] as const;

/** One password app: settings, its shared credential, group assignments, who has access, the access log, rotation. */
export default function PasswordAppPage() {
  const { t } = useTranslation();
  const { appId, tab } = useParams<{ appId: string; tab?: string }>();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const { addAlert, addError } = useAlerts();
  const navigate = useNavigate();
  const api = useKcentraApi();
  const [app, setApp] = useState<PasswordApp>();
  const [refresh, setRefresh] = useState(0);
  const reload = () => setRefresh((r) => r + 1);
  const canManage = hasAccess("manage-realm");
  const freshSignIn = useFreshSignIn("kcentraChangeNeedsSignIn", "kcentra-app-sign-in");
  const active = TABS.includes(tab as (typeof TABS)[number]) ? tab! : "settings";

  useFetch(() => api.get<PasswordApp>(`${VAULT}/apps/${encodeURIComponent(appId!)}`), setApp, [appId, refresh]);

  if (!app) return <KeycloakSpinner />;
  const appPath = `${VAULT}/apps/${encodeURIComponent(app.id!)}`;

  const save = async (changed: PasswordApp) => {
    try {
      await api.put(appPath, changed);
      freshSignIn.clear();
      addAlert(t("kcentraSaved"), AlertVariant.success);
      reload();
    } catch (error) {
      if (!freshSignIn.asked(error)) addError("kcentraSaveError", error);
    }
  };

  const remove = async () => {
    try {
      await api.delete(appPath);
      addAlert(t("kcentraAppDeleted"), AlertVariant.success);
      navigate(toPasswordApps(realm));
    } catch (error) {
      addError("kcentraSaveError", error);
    }
  };

  return (
    <>
      <ViewHeader titleKey={app.name} subKey={app.description || app.loginUrl} noTranslate />
      <PageSection variant="light" className="pf-v5-u-p-0">
        <Tabs activeKey={active} onSelect={(_e, key) => navigate(toPasswordApp(realm, app.id!, String(key)))}
          inset={{ default: "insetNone", xl: "insetLg" }} mountOnEnter unmountOnExit>
          <Tab eventKey="settings" data-testid="kcentra-tab-settings" title={<TabTitleText>{t("kcentraSettings")}</TabTitleText>}>
            <PageSection variant="light">
              <AppForm key={`${app.id}-${refresh}`} app={app} isDisabled={!canManage} onSave={save} />
              {freshSignIn.alert}
              <ConfirmButton label={t("kcentraDeleteApp")} title={t("kcentraDeleteAppTitle")}
                message={t("kcentraDeleteAppMessage", { name: app.name })} testId="kcentra-delete-app" isDisabled={!canManage}
                onConfirm={remove} />
            </PageSection>
          </Tab>
          <Tab eventKey="credential" data-testid="kcentra-tab-credential" title={<TabTitleText>{t("kcentraCredential")}</TabTitleText>}>
            <CredentialTab app={app} appPath={appPath} canManage={canManage} onChange={reload} />
          </Tab>
          <Tab eventKey="groups" data-testid="kcentra-tab-groups" title={<TabTitleText>{t("groups")}</TabTitleText>}>
            <GroupsTab appPath={appPath} canManage={canManage} />
          </Tab>
          <Tab eventKey="access" data-testid="kcentra-tab-access" title={<TabTitleText>{t("kcentraAccess")}</TabTitleText>}>
            <AccessTab appPath={appPath} canManage={canManage} />
          </Tab>
          <Tab eventKey="access-log" data-testid="kcentra-tab-access-log" title={<TabTitleText>{t("kcentraAccessLog")}</TabTitleText>}>
            <AccessLogTab appPath={appPath} />
          </Tab>
          <Tab eventKey="rotation" data-testid="kcentra-tab-rotation" title={<TabTitleText>{t("kcentraRotation")}</TabTitleText>}>
            <RotationTab appPath={appPath} canManage={canManage} onChange={reload} />
          </Tab>
        </Tabs>
      </PageSection>
    </>
  );
}
