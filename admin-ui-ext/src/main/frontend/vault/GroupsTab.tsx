import { useRealm } from "@keycloak/keycloak-admin-ui";
import { KeycloakSpinner, useAlerts, useFetch } from "@keycloak/keycloak-ui-shared";
import { AlertVariant, Button, PageSection, Toolbar, ToolbarContent, ToolbarItem } from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router-dom";
import { useKcentraApi } from "../api";
import { ConfirmButton } from "../ConfirmButton";
import { GroupSelectModal } from "./GroupSelectModal";
import type { GroupAssignment } from "./types";

/** Granting and revoking is group membership: the groups (with their subgroups) the app is assigned to. */
export const GroupsTab = ({ appPath, canManage }: { appPath: string; canManage: boolean }) => {
  const { t } = useTranslation();
  const { realm } = useRealm();
  const { addAlert, addError } = useAlerts();
  const api = useKcentraApi();
  const [groups, setGroups] = useState<GroupAssignment[]>();
  const [picking, setPicking] = useState(false);
  const [refresh, setRefresh] = useState(0);

  useFetch(() => api.get<GroupAssignment[]>(`${appPath}/groups`), setGroups, [refresh]);
  if (!groups) return <KeycloakSpinner />;

  const assign = async (groupIds: string[]) => {
    setPicking(false);
    try {
      for (const id of groupIds) {
        await api.put(`${appPath}/groups/${encodeURIComponent(id)}`);
      }
      addAlert(t("kcentraGroupsAssigned"), AlertVariant.success);
    } catch (error) {
      addError("kcentraSaveError", error);
    }
    setRefresh((r) => r + 1);
  };

  const unassign = async (group: GroupAssignment) => {
    try {
      await api.delete(`${appPath}/groups/${encodeURIComponent(group.id)}`);
      addAlert(t("kcentraGroupUnassigned"), AlertVariant.success);
    } catch (error) {
      addError("kcentraSaveError", error);
    }
    setRefresh((r) => r + 1);
  };

  return (
    <PageSection variant="light">
      <Toolbar>
        <ToolbarContent>
          <ToolbarItem>
            <Button data-testid="kcentra-assign-group" isDisabled={!canManage} onClick={() => setPicking(true)}>{t("kcentraAssignGroup")}</Button>
          </ToolbarItem>
        </ToolbarContent>
      </Toolbar>
      {groups.length === 0 ? (
        <p data-testid="kcentra-no-groups">{t("kcentraNoGroups")}</p>
      ) : (
        <Table aria-label={t("groups")} variant="compact" data-testid="kcentra-groups">
          <Thead><Tr><Th>{t("kcentraGroupPath")}</Th><Th screenReaderText={t("kcentraActions")} /></Tr></Thead>
          <Tbody>
            {groups.map((g) => (
              <Tr key={g.id}>
                <Td><Link to={`/${encodeURIComponent(realm)}/groups/${g.id}`}>{g.path}</Link></Td>
                <Td isActionCell>
                  <ConfirmButton label={t("kcentraUnassign")} title={t("kcentraUnassignTitle")}
                    message={t("kcentraUnassignMessage", { group: g.path })} testId={`kcentra-unassign-${g.path}`}
                    isDisabled={!canManage} onConfirm={() => unassign(g)} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      {picking && (
        <GroupSelectModal exclude={groups.map((g) => g.id)} onAssign={(ids) => void assign(ids)} onClose={() => setPicking(false)} />
      )}
    </PageSection>
  );
};
