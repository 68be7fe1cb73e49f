import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { KeycloakSpinner, useFetch } from "@keycloak/keycloak-ui-shared";
import { Alert, PageSection } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { formatTime, useKcentraApi } from "../api";
import { toUserDetails } from "../routes";
import type { AccessLog } from "./types";

/** Launches and refusals of the app, newest first, from the realm's saved events. */
export const AccessLogTab = ({ appPath }: { appPath: string }) => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const { adminClient } = useAdminClient();
  const api = useKcentraApi();
  const [log, setLog] = useState<AccessLog>();
  const [usernames, setUsernames] = useState<Record<string, string>>({});
  useFetch(
    async () => {
      const found = await api.get<AccessLog>(`${appPath}/access-log?max=200`);
      // The log keeps user ids (users may be renamed or deleted since); show the current username where there is one.
      const ids = [...new Set(found.entries.map((e) => e.userId).filter(Boolean))];
      const users = await Promise.all(ids.map((id) => adminClient.users.findOne({ id }).catch(() => undefined)));
      return { found, names: Object.fromEntries(users.filter((u) => u?.id).map((u) => [u!.id!, u!.username!])) };
    },
    ({ found, names }) => { setLog(found); setUsernames(names); },
    [],
  );
  if (!log) return <KeycloakSpinner />;
  return (
    <PageSection variant="light">
      {!log.eventsSaved && <Alert isInline variant="warning" title={t("kcentraEventsNotSaved")} className="pf-v5-u-mb-md" />}
      {log.entries.length === 0 ? (
        <p data-testid="kcentra-no-access-log">{t("kcentraNoAccessLog")}</p>
      ) : (
        <Table aria-label={t("kcentraAccessLog")} variant="compact" data-testid="kcentra-access-log">
          <Thead>
            <Tr><Th>{t("time")}</Th><Th>{t("user")}</Th><Th>{t("ipAddress")}</Th><Th>{t("kcentraChannel")}</Th><Th>{t("kcentraOutcome")}</Th><Th>{t("kcentraVersion")}</Th></Tr>
          </Thead>
          <Tbody>
            {log.entries.map((e, i) => (
              <Tr key={`${e.time}-${i}`}>
                <Td>{formatTime(e.time)}</Td>
                <Td>{e.userId ? <Link to={toUserDetails(realm, e.userId)}>{usernames[e.userId] ?? e.userId}</Link> : ""}</Td>
                <Td>{e.ipAddress}</Td>
                <Td>{e.channel}</Td>
                <Td>{e.outcome}</Td>
                <Td>{e.version ?? ""}</Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
    </PageSection>
  );
};
