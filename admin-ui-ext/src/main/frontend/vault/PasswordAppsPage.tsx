import { useAccess, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import { KeycloakSpinner, useAlerts, useFetch } from "@keycloak/keycloak-ui-shared";
import { AlertVariant, Button, Modal, ModalVariant, PageSection, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router-dom";
import { useKcentraApi } from "../api";
import { toPasswordApp } from "../routes";
import { AppForm } from "./AppForm";
import { VAULT, type PasswordApp } from "./types";

/** "Shared credentials": the realm's password apps, their current credential, and creating one. */
export default function PasswordAppsPage() {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const { addAlert, addError } = useAlerts();
  const navigate = useNavigate();
  const api = useKcentraApi();
  const [apps, setApps] = useState<PasswordApp[]>();
  const [creating, setCreating] = useState(false);

  useFetch(() => api.get<PasswordApp[]>(`${VAULT}/apps`), setApps, []);

  if (!apps) return <KeycloakSpinner />;

  const create = async (app: PasswordApp) => {
    try {
      const id = await api.create(`${VAULT}/apps`, app);
      addAlert(t("kcentraAppCreated"), AlertVariant.success);
      setCreating(false);
      navigate(toPasswordApp(realm, id, "credential"));
    } catch (error) {
      addError("kcentraSaveError", error);
    }
  };

  return (
    <>
      <ViewHeader titleKey="kcentraSharedCredentials" subKey="kcentraSharedCredentialsHelp" />
      <PageSection variant="light">
        <Toolbar>
          <ToolbarContent>
            <ToolbarItem>
              <Button data-testid="kcentra-create-app" isDisabled={!hasAccess("manage-realm")} onClick={() => setCreating(true)}>
                {t("kcentraCreateApp")}
              </Button>
            </ToolbarItem>
          </ToolbarContent>
        </Toolbar>
        {apps.length === 0 ? (
          <p data-testid="kcentra-no-apps">{t("kcentraNoApps")}</p>
        ) : (
          <Table aria-label={t("kcentraSharedCredentials")} data-testid="kcentra-apps">
            <Thead>
              <Tr>
                <Th>{t("kcentraAppName")}</Th>
                <Th>{t("kcentraLoginUrl")}</Th>
                <Th>{t("kcentraInjection")}</Th>
                <Th>{t("kcentraCurrentCredential")}</Th>
              </Tr>
            </Thead>
            <Tbody>
              {apps.map((app) => (
                <Tr key={app.id}>
                  <Td><Link to={toPasswordApp(realm, app.id!)}>{app.name}</Link></Td>
                  <Td>{app.loginUrl}</Td>
                  <Td>{app.injection === "basic" ? t("kcentraInjectionBasic") : t("kcentraInjectionForm")}</Td>
                  <Td>{app.credential ? t("kcentraCredentialVersion", { username: app.credential.username, version: app.credential.version }) : t("kcentraNoCredential")}</Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </PageSection>
      <Modal variant={ModalVariant.medium} title={t("kcentraCreateApp")} isOpen={creating} onClose={() => setCreating(false)}>
        <AppForm onSave={create} onCancel={() => setCreating(false)} />
      </Modal>
    </>
  );
}
