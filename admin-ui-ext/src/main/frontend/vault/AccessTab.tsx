import { useRealm } from "@keycloak/keycloak-admin-ui";
import { KeycloakSpinner, useAlerts, useFetch } from "@keycloak/keycloak-ui-shared";
import { AlertVariant, Button, Form, FormGroup, Modal, ModalVariant, PageSection, TextInput } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useKcentraApi } from "../api";
import { ConfirmButton } from "../ConfirmButton";
import { toUserDetails } from "../routes";
import type { UserAccess } from "./types";

type AccessTabProps = { appPath: string; canManage: boolean };

/**
 * Who can launch the app now: the members of its groups and subgroups, resolved. A member may get an own credential
 * for the app (write-only, like the shared one), which their launches use instead of the shared account.
 */
export const AccessTab = ({ appPath, canManage }: AccessTabProps) => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const { addAlert, addError } = useAlerts();
  const api = useKcentraApi();
  const [users, setUsers] = useState<UserAccess[]>();
  const [editing, setEditing] = useState<UserAccess>();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [refresh, setRefresh] = useState(0);
  useFetch(() => api.get<UserAccess[]>(`${appPath}/access?max=500`), setUsers, [refresh]);
  if (!users) return <KeycloakSpinner />;

  const userCredential = (u: UserAccess) => `${appPath}/users/${encodeURIComponent(u.id)}/credential`;

  const store = async () => {
    try {
      await api.put(userCredential(editing!), { username, password });
      addAlert(t("kcentraOwnCredentialStored", { username: editing!.username }), AlertVariant.success);
    } catch (error) {
      addError("kcentraSaveError", error);
    }
    setEditing(undefined);
    setPassword("");
    setRefresh((r) => r + 1);
  };

  const remove = async (u: UserAccess) => {
    try {
      await api.delete(userCredential(u));
      addAlert(t("kcentraOwnCredentialRemoved", { username: u.username }), AlertVariant.success);
    } catch (error) {
      addError("kcentraSaveError", error);
    }
    setRefresh((r) => r + 1);
  };

  return (
    <PageSection variant="light">
      {users.length === 0 ? (
        <p data-testid="kcentra-no-access">{t("kcentraNobodyHasAccess")}</p>
      ) : (
        <Table aria-label={t("kcentraAccess")} variant="compact" data-testid="kcentra-access">
          <Thead><Tr><Th>{t("username")}</Th><Th>{t("kcentraOwnCredential")}</Th><Th screenReaderText={t("kcentraActions")} /></Tr></Thead>
          <Tbody>
            {users.map((u) => (
              <Tr key={u.id}>
                <Td><Link to={toUserDetails(realm, u.id)}>{u.username}</Link></Td>
                <Td>{u.ownCredential ? t("yes") : t("no")}</Td>
                <Td isActionCell>
                  <Button variant="link" isInline isDisabled={!canManage} data-testid={`kcentra-own-credential-${u.username}`}
                    onClick={() => { setEditing(u); setUsername(""); setPassword(""); }}>
                    {t("kcentraSetOwnCredential")}
                  </Button>{" "}
                  {u.ownCredential && (
                    <ConfirmButton label={t("kcentraRemoveOwnCredential")} title={t("kcentraRemoveOwnCredentialTitle")}
                      message={t("kcentraRemoveOwnCredentialMessage", { username: u.username })}
                      testId={`kcentra-remove-own-credential-${u.username}`} isDisabled={!canManage} onConfirm={() => remove(u)} />
                  )}
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <Modal variant={ModalVariant.small} title={t("kcentraOwnCredentialFor", { username: editing?.username })} isOpen={!!editing}
        onClose={() => setEditing(undefined)}
        actions={[
          <Button key="store" data-testid="kcentra-own-credential-save" isDisabled={!username || !password} onClick={() => void store()}>
            {t("kcentraStoreCredential")}
          </Button>,
          <Button key="cancel" variant="link" onClick={() => setEditing(undefined)}>{t("cancel")}</Button>,
        ]}>
        <Form onSubmit={(e) => { e.preventDefault(); if (username && password) void store(); }}>
          <FormGroup label={t("username")} fieldId="kcentra-own-username" isRequired>
            <TextInput id="kcentra-own-username" isRequired value={username} onChange={(_e, v) => setUsername(v)} autoComplete="off" />
          </FormGroup>
          <FormGroup label={t("password")} fieldId="kcentra-own-password" isRequired>
            <TextInput id="kcentra-own-password" type="password" isRequired value={password} onChange={(_e, v) => setPassword(v)}
              autoComplete="new-password" />
          </FormGroup>
        </Form>
      </Modal>
    </PageSection>
  );
};
