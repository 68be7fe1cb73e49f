import type ComponentRepresentation from "@keycloak/keycloak-admin-client/lib/defs/componentRepresentation";
import { useAccess, useAdminClient, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import { KeycloakSpinner, useAlerts, useFetch } from "@keycloak/keycloak-ui-shared";
import {
  ActionGroup,
  AlertVariant,
  Button,
  Card,
  CardBody,
  CardTitle,
  EmptyState,
  EmptyStateBody,
  EmptyStateHeader,
  Form,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  PageSection,
  Switch,
  TextArea,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useKcentraApi } from "../api";
import { toUserDetails } from "../routes";

/** Keycloak's id of our user-federation provider (EntraSyncProviderFactory.PROVIDER_ID). */
const ENTRA_PROVIDER = "Entra ID";
const STORAGE_TYPE = "org.keycloak.storage.UserStorageProvider";

type StrandedUser = { id: string; username: string; email?: string };
type Sent = { sent: number; withoutEmail: string[]; disabled: string[]; failed: string[] };

type SsoSettings = { ssoEnabled: boolean; ssoForAllSynced: boolean; ssoDomains: string; outageMessage: string };

const settingsOf = (c: ComponentRepresentation): SsoSettings => ({
  ssoEnabled: c.config?.ssoEnabled?.[0] === "true",
  ssoForAllSynced: c.config?.ssoForAllSynced?.[0] === "true",
  ssoDomains: ([] as string[]).concat(c.config?.ssoDomains ?? []).join("\n"),
  outageMessage: c.config?.outageMessage?.[0] ?? "",
});

/** Realm page "Entra SSO": the connection's SSO switches, its last sync, and the users SSO would strand. */
export default function EntraSsoPage() {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const { addAlert, addError } = useAlerts();
  const api = useKcentraApi();
  const canManage = hasAccess("manage-realm");
  const canManageUsers = hasAccess("manage-users");

  const [connection, setConnection] = useState<ComponentRepresentation | null>();
  const [settings, setSettings] = useState<SsoSettings>();
  const [stranded, setStranded] = useState<StrandedUser[]>([]);
  const [refresh, setRefresh] = useState(0);
  const [busy, setBusy] = useState(false);

  useFetch(
    async () => {
      const components = await adminClient.components.find({ type: STORAGE_TYPE });
      const entra = components.find((c) => c.providerId === ENTRA_PROVIDER) ?? null;
      const users = entra && hasAccess("view-users") ? await api.get<StrandedUser[]>("kcentra-entra-sso/stranded-users") : [];
      return { entra, users };
    },
    ({ entra, users }) => {
      setConnection(entra);
      setSettings(entra ? settingsOf(entra) : undefined);
      setStranded(users);
    },
    [refresh],
  );

  if (connection === undefined) return <KeycloakSpinner />;

  if (connection === null || !settings) {
    return (
      <>
        <ViewHeader titleKey="kcentraEntraSso" subKey="kcentraEntraSsoHelp" />
        <PageSection variant="light">
          <EmptyState>
            <EmptyStateHeader titleText={t("kcentraNoConnection")} headingLevel="h2" />
            <EmptyStateBody>
              {t("kcentraNoConnectionHelp")}{" "}
              <Link to={`/${encodeURIComponent(realm)}/user-federation`}>{t("userFederation")}</Link>
            </EmptyStateBody>
          </EmptyState>
        </PageSection>
      </>
    );
  }

  const save = async () => {
    const config = { ...connection.config };
    config.ssoEnabled = [String(settings.ssoEnabled)];
    config.ssoForAllSynced = [String(settings.ssoForAllSynced)];
    config.ssoDomains = settings.ssoDomains.split(/[\s,;]+/).map((d) => d.trim()).filter(Boolean);
    config.outageMessage = [settings.outageMessage];
    try {
      await adminClient.components.update({ id: connection.id! }, { ...connection, config });
      addAlert(t("kcentraSaved"), AlertVariant.success);
      setRefresh((r) => r + 1);
    } catch (error) {
      addError("kcentraSaveError", error);
    }
  };

  const sync = async (action: "triggerFullSync" | "triggerChangedUsersSync") => {
    setBusy(true);
    try {
      const result = await adminClient.userStorageProvider.sync({ id: connection.id!, action });
      addAlert(t("kcentraSyncDone"), AlertVariant.success, result.status);
      setRefresh((r) => r + 1);
    } catch (error) {
      addError("kcentraSyncError", error);
    } finally {
      setBusy(false);
    }
  };

  const sendSetPasswordEmails = async () => {
    setBusy(true);
    try {
      const sent = await api.post<Sent>("kcentra-entra-sso/set-password-emails");
      addAlert(
        t("kcentraSetPasswordEmailsSent", { count: sent.sent }),
        sent.failed.length ? AlertVariant.warning : AlertVariant.success,
        [
          sent.withoutEmail.length ? t("kcentraWithoutEmail", { users: sent.withoutEmail.join(", ") }) : "",
          sent.disabled.length ? t("kcentraDisabledSkipped", { users: sent.disabled.join(", ") }) : "",
          sent.failed.length ? t("kcentraSendFailed", { users: sent.failed.join(", ") }) : "",
        ].filter(Boolean).join(" "),
      );
    } catch (error) {
      addError("kcentraSendError", error);
    } finally {
      setBusy(false);
    }
  };

  const lastSync = connection.config?.lastSyncStatus?.[0];

  return (
    <>
      <ViewHeader titleKey="kcentraEntraSso" subKey="kcentraEntraSsoHelp" />
      <PageSection variant="light">
        <Form isHorizontal onSubmit={(e) => { e.preventDefault(); void save(); }}>
          <FormGroup label={t("kcentraSsoEnabled")} fieldId="kcentra-sso-enabled" hasNoPaddingTop>
            <Switch
              id="kcentra-sso-enabled"
              data-testid="kcentra-sso-enabled"
              isChecked={settings.ssoEnabled}
              isDisabled={!canManage}
              label={t("on")}
              labelOff={t("off")}
              onChange={(_e, v) => setSettings({ ...settings, ssoEnabled: v })}
            />
            <FormHelperText><HelperText><HelperTextItem>{t("kcentraSsoEnabledHelp")}</HelperTextItem></HelperText></FormHelperText>
          </FormGroup>
          <FormGroup label={t("kcentraSsoForAllSynced")} fieldId="kcentra-sso-all" hasNoPaddingTop>
            <Switch
              id="kcentra-sso-all"
              data-testid="kcentra-sso-all"
              isChecked={settings.ssoForAllSynced}
              isDisabled={!canManage}
              label={t("on")}
              labelOff={t("off")}
              onChange={(_e, v) => setSettings({ ...settings, ssoForAllSynced: v })}
            />
            <FormHelperText><HelperText><HelperTextItem>{t("kcentraSsoForAllSyncedHelp")}</HelperTextItem></HelperText></FormHelperText>
          </FormGroup>
          <FormGroup label={t("kcentraSsoDomains")} fieldId="kcentra-sso-domains">
            <TextArea
              id="kcentra-sso-domains"
              data-testid="kcentra-sso-domains"
              value={settings.ssoDomains}
              isDisabled={!canManage}
              onChange={(_e, v) => setSettings({ ...settings, ssoDomains: v })}
              rows={3}
            />
            <FormHelperText><HelperText><HelperTextItem>{t("kcentraSsoDomainsHelp")}</HelperTextItem></HelperText></FormHelperText>
          </FormGroup>
          <FormGroup label={t("kcentraOutageMessage")} fieldId="kcentra-outage-message">
            <TextArea
              id="kcentra-outage-message"
              data-testid="kcentra-outage-message"
              value={settings.outageMessage}
              isDisabled={!canManage}
              onChange={(_e, v) => setSettings({ ...settings, outageMessage: v })}
              rows={3}
            />
            <FormHelperText><HelperText><HelperTextItem>{t("kcentraOutageMessageHelp")}</HelperTextItem></HelperText></FormHelperText>
          </FormGroup>
          <ActionGroup>
            <Button type="submit" data-testid="kcentra-save" isDisabled={!canManage}>{t("save")}</Button>
            <Button variant="link" onClick={() => setSettings(settingsOf(connection))}>{t("revert")}</Button>
          </ActionGroup>
        </Form>
      </PageSection>
      <PageSection>
        <Card>
          <CardTitle component="h2">{t("kcentraSyncStatus")}</CardTitle>
          <CardBody>
            <p data-testid="kcentra-last-sync">{lastSync || t("kcentraNeverSynced")}</p>
            <ActionGroup className="pf-v5-u-mt-md">
              <Button variant="secondary" isDisabled={!canManage || busy} onClick={() => void sync("triggerChangedUsersSync")}
                data-testid="kcentra-sync-changes">{t("kcentraSyncChanges")}</Button>{" "}
              <Button variant="secondary" isDisabled={!canManage || busy} onClick={() => void sync("triggerFullSync")}
                data-testid="kcentra-sync-all">{t("kcentraSyncAll")}</Button>
            </ActionGroup>
          </CardBody>
        </Card>
      </PageSection>
      <PageSection>
        <Card>
          <CardTitle component="h2">{t("kcentraStrandedUsers")}</CardTitle>
          <CardBody>
            <p>{t("kcentraStrandedUsersHelp")}</p>
            {stranded.length === 0 ? (
              <p data-testid="kcentra-no-stranded" className="pf-v5-u-mt-md">{t("kcentraNoStrandedUsers")}</p>
            ) : (
              <Table aria-label={t("kcentraStrandedUsers")} variant="compact" data-testid="kcentra-stranded">
                <Thead><Tr><Th>{t("username")}</Th><Th>{t("email")}</Th></Tr></Thead>
                <Tbody>
                  {stranded.map((u) => (
                    <Tr key={u.id}>
                      <Td><Link to={toUserDetails(realm, u.id)}>{u.username}</Link></Td>
                      <Td>{u.email ?? ""}</Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            )}
            <Button className="pf-v5-u-mt-md" data-testid="kcentra-send-set-password" isDisabled={!canManageUsers || busy || stranded.length === 0}
              onClick={() => void sendSetPasswordEmails()}>{t("kcentraSendSetPasswordEmails")}</Button>
          </CardBody>
        </Card>
      </PageSection>
    </>
  );
}
