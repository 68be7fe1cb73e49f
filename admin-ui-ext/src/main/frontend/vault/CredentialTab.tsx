import { useAlerts } from "@keycloak/keycloak-ui-shared";
import {
  ActionGroup, AlertVariant, Button, ClipboardCopy, Form, FormGroup, FormHelperText, HelperText, HelperTextItem, Modal,
  ModalVariant, PageSection, TextInput,
} from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatTime, useKcentraApi } from "../api";
import { useFreshSignIn } from "./FreshSignIn";
import type { PasswordApp } from "./types";

type Revealed = { username: string; password: string; version: number };

type CredentialTabProps = { app: PasswordApp; appPath: string; canManage: boolean; onChange: () => void };

/** The shared account: its username and version are shown; the password is only ever written, never read back. */
export const CredentialTab = ({ app, appPath, canManage, onChange }: CredentialTabProps) => {
  const { t } = useTranslation();
  const { addAlert, addError } = useAlerts();
  const api = useKcentraApi();
  const [username, setUsername] = useState(app.credential?.username ?? "");
  const [password, setPassword] = useState("");
  const [revealed, setRevealed] = useState<Revealed>();
  const freshSignIn = useFreshSignIn("kcentraRevealNeedsSignIn", "kcentra-reveal-sign-in");

  // The server reveals only to an admin who signed in moments ago (and audits it); otherwise it says so, and the
  // admin signs in again and comes back here.
  const reveal = async () => {
    try {
      setRevealed(await api.post<Revealed>(`${appPath}/reveal`));
      freshSignIn.clear();
    } catch (error) {
      if (!freshSignIn.asked(error)) {
        addError("kcentraRevealError", error);
      }
    }
  };

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
          <Button variant="secondary" data-testid="kcentra-reveal" isDisabled={!canManage || !app.credential} onClick={() => void reveal()}>
            {t("kcentraReveal")}
          </Button>
        </ActionGroup>
      </Form>
      {freshSignIn.alert}
      <Modal variant={ModalVariant.small} title={t("kcentraRevealedTitle", { version: revealed?.version })} isOpen={!!revealed}
        onClose={() => setRevealed(undefined)}
        actions={[<Button key="close" data-testid="kcentra-reveal-close" onClick={() => setRevealed(undefined)}>{t("close")}</Button>]}>
        <p className="pf-v5-u-mb-sm">{t("kcentraRevealedAudit")}</p>
        <p className="pf-v5-u-mb-sm">{t("username")}: {revealed?.username}</p>
        <ClipboardCopy isReadOnly hoverTip={t("copy")} clickTip={t("kcentraCopied")} data-testid="kcentra-revealed-password">
          {revealed?.password ?? ""}
        </ClipboardCopy>
      </Modal>
    </PageSection>
  );
};
