import type ComponentRepresentation from "@keycloak/keycloak-admin-client/lib/defs/componentRepresentation";
import type UserRepresentation from "@keycloak/keycloak-admin-client/lib/defs/userRepresentation";
import { useAccess, useAdminClient, useRealm, ViewHeader } from "@keycloak/keycloak-admin-ui";
import { KeycloakSpinner, useAlerts, useFetch } from "@keycloak/keycloak-ui-shared";
import {
  AlertVariant,
  Button,
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Form,
  FormGroup,
  InputGroup,
  InputGroupItem,
  PageSection,
  Switch,
  TextInput,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { formatTime, useKcentraApi } from "../api";
import { ConfirmButton } from "../ConfirmButton";
import { toUserDetails, toUserEntra } from "../routes";

type Account = { userId?: string; username: string; federationLink?: string };
type AccountLink = { id: string; account: Account; allowAuthentication: boolean; linkedAt: number; linkedBy: string };
type UserLinks = { role: "none" | "master" | "linked"; master?: Account; linkId?: string; links: AccountLink[] };

const attr = (user: UserRepresentation, name: string) => user.attributes?.[name]?.[0];

/** A user's Entra ID facts (object id, tenant, guest, SSO) and linked accounts, with unlink and link. */
export default function UserEntraPage() {
  const { t } = useTranslation();
  const { id } = useParams<{ id: string }>();
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  const { hasAccess } = useAccess();
  const { addAlert, addError } = useAlerts();
  const api = useKcentraApi();
  const canManage = hasAccess("manage-users");

  const [user, setUser] = useState<UserRepresentation>();
  const [connection, setConnection] = useState<ComponentRepresentation>();
  const [links, setLinks] = useState<UserLinks>();
  const [toLink, setToLink] = useState("");
  const [refresh, setRefresh] = useState(0);
  const reload = () => setRefresh((r) => r + 1);

  useFetch(
    async () => {
      const found = await adminClient.users.findOne({ id: id!, userProfileMetadata: false });
      const entra = found?.federationLink
        ? await adminClient.components.findOne({ id: found.federationLink }).catch(() => undefined)
        : undefined;
      const userLinks = await api.get<UserLinks>(`kcentra-links/users/${encodeURIComponent(id!)}`);
      return { found, entra, userLinks };
    },
    ({ found, entra, userLinks }) => {
      setUser(found);
      setConnection(entra?.providerId === "Entra ID" ? entra : undefined);
      setLinks(userLinks);
    },
    [id, refresh],
  );

  if (!user || !links) return <KeycloakSpinner />;

  const ssoOn = connection?.config?.ssoEnabled?.[0] === "true";
  const ssoForAll = connection?.config?.ssoForAllSynced?.[0] === "true";
  const userSso = attr(user, "entra.sso") === "true";

  const setUserSso = async (value: boolean) => {
    try {
      await adminClient.users.update({ id: user.id! }, { ...user, attributes: { ...user.attributes, "entra.sso": [String(value)] } });
      addAlert(t("kcentraSaved"), AlertVariant.success);
      reload();
    } catch (error) {
      addError("kcentraSaveError", error);
    }
  };

  const unlink = async (linkId: string) => {
    try {
      await api.delete(`kcentra-links/links/${encodeURIComponent(linkId)}`);
      addAlert(t("kcentraUnlinked"), AlertVariant.success);
      reload();
    } catch (error) {
      addError("kcentraSaveError", error);
    }
  };

  const setAllowAuthentication = async (linkId: string, allowAuthentication: boolean) => {
    try {
      await api.put(`kcentra-links/links/${encodeURIComponent(linkId)}`, { allowAuthentication });
      reload();
    } catch (error) {
      addError("kcentraSaveError", error);
    }
  };

  const link = async () => {
    try {
      const [account] = await adminClient.users.find({ username: toLink.trim(), exact: true });
      if (!account) {
        addAlert(t("kcentraNoSuchUser", { username: toLink.trim() }), AlertVariant.danger);
        return;
      }
      await api.post(`kcentra-links/users/${encodeURIComponent(user.id!)}/links`, { userId: account.id });
      addAlert(t("kcentraLinked", { username: account.username }), AlertVariant.success);
      setToLink("");
      reload();
    } catch (error) {
      addError("kcentraLinkError", error);
    }
  };

  const ssoText = !connection
    ? ""
    : !ssoOn
      ? t("kcentraSsoOffForConnection")
      : ssoForAll
        ? t("kcentraSsoOnForAll")
        : undefined;

  return (
    <>
      <ViewHeader titleKey={user.username!} subKey="kcentraUserEntraHelp" noTranslate />
      <PageSection variant="light" className="pf-v5-u-pb-0">
        <Link to={toUserDetails(realm, user.id!)} data-testid="kcentra-back-to-user">{t("kcentraBackToUser")}</Link>
      </PageSection>
      <PageSection>
        <Card>
          <CardTitle component="h2">{t("kcentraEntraIdentity")}</CardTitle>
          <CardBody>
            {!connection ? (
              <p data-testid="kcentra-not-synced">{t("kcentraNotSynced")}</p>
            ) : (
              <DescriptionList isHorizontal data-testid="kcentra-entra-facts">
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("kcentraSso")}</DescriptionListTerm>
                  <DescriptionListDescription>
                    {ssoText !== undefined ? (
                      <span data-testid="kcentra-user-sso">{ssoText}</span>
                    ) : (
                      <Switch
                        id="kcentra-user-sso"
                        data-testid="kcentra-user-sso"
                        aria-label={t("kcentraSso")}
                        isChecked={userSso}
                        isDisabled={!canManage}
                        label={t("on")}
                        labelOff={t("off")}
                        onChange={(_e, v) => void setUserSso(v)}
                      />
                    )}
                  </DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("kcentraObjectId")}</DescriptionListTerm>
                  <DescriptionListDescription data-testid="kcentra-object-id">{attr(user, "entra.objectId")}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("kcentraTenant")}</DescriptionListTerm>
                  <DescriptionListDescription>{attr(user, "entra.tenantId")}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("kcentraGuest")}</DescriptionListTerm>
                  <DescriptionListDescription>{attr(user, "entra.userType") === "Guest" ? t("yes") : t("no")}</DescriptionListDescription>
                </DescriptionListGroup>
                <DescriptionListGroup>
                  <DescriptionListTerm>{t("kcentraLastSync")}</DescriptionListTerm>
                  <DescriptionListDescription>
                    {formatTime(Number(attr(user, "entra.syncedAt")) || undefined) || t("kcentraNeverSynced")}
                  </DescriptionListDescription>
                </DescriptionListGroup>
              </DescriptionList>
            )}
          </CardBody>
        </Card>
      </PageSection>
      <PageSection>
        <Card>
          <CardTitle component="h2">{t("kcentraLinkedAccounts")}</CardTitle>
          <CardBody>
            {links.role === "linked" && links.master && (
              <p data-testid="kcentra-linked-to">
                {t("kcentraLinkedTo")}{" "}
                <Link to={toUserEntra(realm, links.master.userId!)}>
                  {links.master.username}
                </Link>{" "}
                <ConfirmButton
                  label={t("kcentraUnlink")}
                  title={t("kcentraUnlinkTitle")}
                  message={t("kcentraUnlinkMessage", { account: user.username, master: links.master.username })}
                  isDisabled={!canManage}
                  testId="kcentra-unlink-self"
                  onConfirm={() => unlink(links.linkId!)}
                />
              </p>
            )}
            {links.role !== "linked" && (links.links.length === 0 ? (
              <p data-testid="kcentra-no-links">{t("kcentraNoLinks")}</p>
            ) : (
              <Table aria-label={t("kcentraLinkedAccounts")} variant="compact" data-testid="kcentra-links">
                <Thead>
                  <Tr>
                    <Th>{t("kcentraAccount")}</Th>
                    <Th>{t("kcentraLinkedAt")}</Th>
                    <Th>{t("kcentraLinkedBy")}</Th>
                    <Th>{t("kcentraAllowAuthentication")}</Th>
                    <Th screenReaderText={t("kcentraActions")} />
                  </Tr>
                </Thead>
                <Tbody>
                  {links.links.map((l) => (
                    <Tr key={l.id} data-testid={`kcentra-link-${l.account.username}`}>
                      <Td>{l.account.userId ? <Link to={toUserDetails(realm, l.account.userId)}>{l.account.username}</Link> : l.account.username}</Td>
                      <Td>{formatTime(l.linkedAt)}</Td>
                      <Td>{l.linkedBy}</Td>
                      <Td>
                        <Switch
                          id={`kcentra-allow-${l.id}`}
                          aria-label={t("kcentraAllowAuthenticationFor", { account: l.account.username })}
                          isChecked={l.allowAuthentication}
                          isDisabled={!canManage}
                          onChange={(_e, v) => void setAllowAuthentication(l.id, v)}
                        />
                      </Td>
                      <Td isActionCell>
                        <ConfirmButton
                          label={t("kcentraUnlink")}
                          title={t("kcentraUnlinkTitle")}
                          message={t("kcentraUnlinkMessage", { account: l.account.username, master: user.username })}
                          isDisabled={!canManage}
                          testId={`kcentra-unlink-${l.account.username}`}
                          onConfirm={() => unlink(l.id)}
                        />
                      </Td>
                    </Tr>
                  ))}
                </Tbody>
              </Table>
            ))}
            {links.role !== "linked" && canManage && (
              <Form className="pf-v5-u-mt-md" onSubmit={(e) => { e.preventDefault(); void link(); }}>
                <FormGroup label={t("kcentraLinkUser")} fieldId="kcentra-link-username">
                  <InputGroup>
                    <InputGroupItem isFill>
                      <TextInput id="kcentra-link-username" data-testid="kcentra-link-username" value={toLink}
                        onChange={(_e, v) => setToLink(v)} />
                    </InputGroupItem>
                    <InputGroupItem>
                      <Button type="submit" variant="secondary" isDisabled={!toLink.trim()} data-testid="kcentra-link">
                        {t("kcentraLink")}
                      </Button>
                    </InputGroupItem>
                  </InputGroup>
                </FormGroup>
              </Form>
            )}
          </CardBody>
        </Card>
      </PageSection>
    </>
  );
}
