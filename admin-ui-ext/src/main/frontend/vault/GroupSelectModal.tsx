import type GroupRepresentation from "@keycloak/keycloak-admin-client/lib/defs/groupRepresentation";
import { useAdminClient } from "@keycloak/keycloak-admin-ui";
import { useFetch } from "@keycloak/keycloak-ui-shared";
import { Button, Checkbox, Modal, ModalVariant, SearchInput } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

type GroupSelectModalProps = {
  exclude: string[];
  onAssign: (groupIds: string[]) => void;
  onClose: () => void;
};

const flatten = (groups: GroupRepresentation[]): GroupRepresentation[] =>
  groups.flatMap((g) => [g, ...flatten(g.subGroups ?? [])]);

/**
 * Picks groups by name (subgroups included) for an assignment. Keycloak's own group picker needs a context its
 * package does not export, so this is a plain searchable list.
 */
export const GroupSelectModal = ({ exclude, onAssign, onClose }: GroupSelectModalProps) => {
  const { t } = useTranslation();
  const { adminClient } = useAdminClient();
  const [search, setSearch] = useState("");
  const [groups, setGroups] = useState<GroupRepresentation[]>([]);
  const [selected, setSelected] = useState<string[]>([]);

  useFetch(
    () => adminClient.groups.find({ search: search || undefined, max: 100, briefRepresentation: true }),
    (found) => setGroups(flatten(found).filter((g) => (!search || g.name?.toLowerCase().includes(search.toLowerCase())) && !exclude.includes(g.id!))),
    [search],
  );

  const toggle = (id: string, on: boolean) => setSelected(on ? [...selected, id] : selected.filter((s) => s !== id));

  return (
    <Modal
      variant={ModalVariant.small}
      title={t("kcentraAssignGroup")}
      isOpen
      onClose={onClose}
      actions={[
        <Button key="assign" data-testid="kcentra-assign" isDisabled={selected.length === 0} onClick={() => onAssign(selected)}>
          {t("kcentraAssign")}
        </Button>,
        <Button key="cancel" variant="link" onClick={onClose}>{t("cancel")}</Button>,
      ]}
    >
      <SearchInput aria-label={t("kcentraSearchGroups")} placeholder={t("kcentraSearchGroups")} value={search}
        onChange={(_e, v) => setSearch(v)} onClear={() => setSearch("")} />
      <div className="pf-v5-u-mt-md" data-testid="kcentra-group-choices">
        {groups.length === 0 && <p>{t("kcentraNoGroupsFound")}</p>}
        {groups.map((g) => (
          <Checkbox key={g.id} id={`kcentra-group-${g.id}`} data-testid={`kcentra-group-${g.path}`} label={g.path}
            isChecked={selected.includes(g.id!)} onChange={(_e, on) => toggle(g.id!, on)} />
        ))}
      </div>
    </Modal>
  );
};
