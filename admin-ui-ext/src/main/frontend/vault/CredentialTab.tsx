import { useAlerts } from "@keycloak/keycloak-ui-shared";
import { ActionGroup, AlertVariant, Button, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, PageSection, TextInput } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatTime, useKcentraApi } from "../api";
import type { PasswordApp } from "./types";

type CredentialTabProps = { app: PasswordApp; appPath: string; canManage: boolean; onChange: () => void };

/** The shared account: its username and version are shown; the password is only ever written, never read back. */
export const CredentialTab = ({ app, appPath, canManage, onChange }: CredentialTabProps) => {
  const { t } = useTranslation();
  const { addAlert, addError } = useAlerts();
  const api = useKcentraApi();
  const [username, setUsername] = useState(app.credential?.username ?? "");
  const [password, setPassword] = useState("");

  const store = async () => {
    try {
      await api.put(`${appPath}/credential`, { username, password });
      setPassword("");
      addAlert(t("kcentraCredentialStored"), AlertVariant.success);
      onChange();
    } catch (error) {
      addError("kcentraSaveError", error);
    }
  };

  return (
    <PageSection variant="light">
      <p data-testid="kcentra-credential-summary" className="pf-v5-u-mb-md">
        {app.credential
          ? t("kcentraCredentialSummary", { username: app.credential.username, version: app.credential.version, time: formatTime(app.credential.createdAt) })
          : t("kcentraNoCredential")}
      </p>
      <Form isHorizontal onSubmit={(e) => { e.preventDefault(); void store(); }}>
        <FormGroup label={t("username")} fieldId="kcentra-credential-username" isRequired>
          <TextInput id="kcentra-credential-username" data-testid="kcentra-credential-username" isRequired isDisabled={!canManage}
            value={username} onChange={(_e, v) => setUsername(v)} autoComplete="off" />
        </FormGroup>
        <FormGroup label={t("password")} fieldId="kcentra-credential-password" isRequired>
          <TextInput id="kcentra-credential-password" data-testid="kcentra-credential-password" type="password" isRequired
            isDisabled={!canManage} value={password} onChange={(_e, v) => setPassword(v)} autoComplete="new-password" />
          <FormHelperText><HelperText><HelperTextItem>{t("kcentraPasswordWriteOnly")}</HelperTextItem></HelperText></FormHelperText>
        </FormGroup>
        <ActionGroup>
          <Button type="submit" data-testid="kcentra-credential-save" isDisabled={!canManage || !username || !password}>
            {t("kcentraStoreCredential")}
          </Button>
        </ActionGroup>
      </Form>
    </PageSection>
  );
};
