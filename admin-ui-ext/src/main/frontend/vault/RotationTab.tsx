import { KeycloakSpinner, useAlerts, useFetch } from "@keycloak/keycloak-ui-shared";
import {
  ActionGroup, AlertVariant, Button, Card, CardBody, CardTitle, Checkbox, DescriptionList, DescriptionListDescription,
  DescriptionListGroup, DescriptionListTerm, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText,
  HelperTextItem, PageSection, TextInput,
} from "@patternfly/react-core";
import { Table, Tbody, Td, Th, Thead, Tr } from "@patternfly/react-table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, formatTime, useKcentraApi } from "../api";
import { useFreshSignIn } from "./FreshSignIn";
import type { RotationPolicy, RotationResult, RotationStatus } from "./types";

type RotationTabProps = { appPath: string; canManage: boolean; onChange: () => void };

const DEFAULT_POLICY: RotationPolicy = { rotator: "manual", length: 32, lower: true, upper: true, digits: true, symbols: false, keepVersions: 5 };

/** Rotation status (last result, next run, versions), the policy, the webhook secret, and "rotate now". */
export const RotationTab = ({ appPath, canManage, onChange }: RotationTabProps) => {
  const { t } = useTranslation();
  const { addAlert, addError } = useAlerts();
  const api = useKcentraApi();
  const [status, setStatus] = useState<RotationStatus>();
  const [policy, setPolicy] = useState<RotationPolicy>(DEFAULT_POLICY);
  const [newPassword, setNewPassword] = useState("");
  const [secret, setSecret] = useState("");
  const [refresh, setRefresh] = useState(0);
  const reload = () => { setRefresh((r) => r + 1); onChange(); };
  const freshSignIn = useFreshSignIn("kcentraChangeNeedsSignIn", "kcentra-rotation-sign-in");

  useFetch(() => api.get<RotationStatus>(`${appPath}/rotation`), (s) => { setStatus(s); setPolicy({ ...DEFAULT_POLICY, ...s.policy }); }, [refresh]);
  if (!status) return <KeycloakSpinner />;

  const set = (patch: Partial<RotationPolicy>) => setPolicy({ ...policy, ...patch });
  const num = (v: string) => (v.trim() === "" ? null : Number(v));

  const savePolicy = async () => {
    try {
      await api.put(`${appPath}/rotation`, { policy, nextRotationAt: null });
      freshSignIn.clear();
      addAlert(t("kcentraSaved"), AlertVariant.success);
      reload();
    } catch (error) {
      if (!freshSignIn.asked(error)) addError("kcentraSaveError", error);
    }
  };

  const saveSecret = async () => {
    try {
      await api.put(`${appPath}/webhook-secret`, { secret });
      setSecret("");
      freshSignIn.clear();
      addAlert(t("kcentraSaved"), AlertVariant.success);
      reload();
    } catch (error) {
      if (!freshSignIn.asked(error)) addError("kcentraSaveError", error);
    }
  };

  const rotate = async () => {
    try {
      const result = await api.post<RotationResult>(`${appPath}/rotate`, { password: newPassword || null });
      setNewPassword("");
      freshSignIn.clear();
      addAlert(t("kcentraRotated", { version: result.version }), AlertVariant.success, result.message);
    } catch (error) {
      if (freshSignIn.asked(error)) return;
      const result = error instanceof ApiError ? (error.body as RotationResult | undefined) : undefined;
      addAlert(t("kcentraRotationFailed"), AlertVariant.danger, result?.message ?? String(error));
    }
    reload();
  };

  const manual = policy.rotator === "manual";

  return (
    <PageSection variant="light">
      {freshSignIn.alert}
      <Card isFlat className="pf-v5-u-mb-md">
        <CardTitle component="h2">{t("kcentraRotationStatus")}</CardTitle>
        <CardBody>
          <DescriptionList isHorizontal data-testid="kcentra-rotation-status">
            <DescriptionListGroup>
              <DescriptionListTerm>{t("kcentraLastRotation")}</DescriptionListTerm>
              <DescriptionListDescription>
                {status.lastRotationAt ? `${formatTime(status.lastRotationAt)}: ${status.lastRotationResult ?? ""}` : t("kcentraNeverRotated")}
              </DescriptionListDescription>
            </DescriptionListGroup>
            <DescriptionListGroup>
              <DescriptionListTerm>{t("kcentraNextRotation")}</DescriptionListTerm>
              <DescriptionListDescription>{status.nextRotationAt ? formatTime(status.nextRotationAt) : t("kcentraOnDemandOnly")}</DescriptionListDescription>
            </DescriptionListGroup>
          </DescriptionList>
          <Table aria-label={t("kcentraVersions")} variant="compact" className="pf-v5-u-mt-md" data-testid="kcentra-versions">
            <Thead><Tr><Th>{t("kcentraVersion")}</Th><Th>{t("kcentraState")}</Th><Th>{t("username")}</Th><Th>{t("kcentraCreated")}</Th></Tr></Thead>
            <Tbody>
              {status.versions.map((v) => (
                <Tr key={v.version}><Td>{v.version}</Td><Td>{v.state}</Td><Td>{v.username}</Td><Td>{formatTime(v.createdAt)}</Td></Tr>
              ))}
            </Tbody>
          </Table>
          <Form className="pf-v5-u-mt-md" onSubmit={(e) => { e.preventDefault(); void rotate(); }}>
            <FormGroup label={t("kcentraNewPassword")} fieldId="kcentra-rotate-password">
              <TextInput id="kcentra-rotate-password" data-testid="kcentra-rotate-password" type="password" autoComplete="new-password"
                value={newPassword} isDisabled={!canManage} onChange={(_e, v) => setNewPassword(v)} />
              <FormHelperText><HelperText><HelperTextItem>{t("kcentraNewPasswordHelp")}</HelperTextItem></HelperText></FormHelperText>
            </FormGroup>
            <ActionGroup>
              <Button type="submit" variant="secondary" data-testid="kcentra-rotate-now" isDisabled={!canManage}>{t("kcentraRotateNow")}</Button>
            </ActionGroup>
          </Form>
        </CardBody>
      </Card>
      <Card isFlat>
        <CardTitle component="h2">{t("kcentraRotationPolicy")}</CardTitle>
        <CardBody>
          <Form isHorizontal onSubmit={(e) => { e.preventDefault(); void savePolicy(); }}>
            <FormGroup label={t("kcentraRotator")} fieldId="kcentra-rotator">
              <FormSelect id="kcentra-rotator" value={policy.rotator} isDisabled={!canManage} onChange={(_e, v) => set({ rotator: v })}>
                <FormSelectOption value="manual" label={t("kcentraRotatorManual")} />
                <FormSelectOption value="webhook" label={t("kcentraRotatorWebhook")} />
              </FormSelect>
            </FormGroup>
            <FormGroup label={t("kcentraPeriodDays")} fieldId="kcentra-period">
              <TextInput id="kcentra-period" type="number" value={policy.periodDays ?? ""} isDisabled={!canManage}
                onChange={(_e, v) => set({ periodDays: num(v) })} />
              <FormHelperText><HelperText><HelperTextItem>{t("kcentraPeriodDaysHelp")}</HelperTextItem></HelperText></FormHelperText>
            </FormGroup>
            <FormGroup label={t("kcentraLength")} fieldId="kcentra-length">
              <TextInput id="kcentra-length" type="number" value={policy.length ?? ""} isDisabled={!canManage}
                onChange={(_e, v) => set({ length: num(v) ?? undefined })} />
            </FormGroup>
            <FormGroup label={t("kcentraCharacterClasses")} fieldId="kcentra-lower" isInline>
              <Checkbox id="kcentra-lower" label={t("kcentraLower")} isChecked={policy.lower !== false} isDisabled={!canManage} onChange={(_e, v) => set({ lower: v })} />
              <Checkbox id="kcentra-upper" label={t("kcentraUpper")} isChecked={policy.upper !== false} isDisabled={!canManage} onChange={(_e, v) => set({ upper: v })} />
              <Checkbox id="kcentra-digits" label={t("kcentraDigits")} isChecked={policy.digits !== false} isDisabled={!canManage} onChange={(_e, v) => set({ digits: v })} />
              <Checkbox id="kcentra-symbols" label={t("kcentraSymbols")} isChecked={!!policy.symbols} isDisabled={!canManage} onChange={(_e, v) => set({ symbols: v })} />
            </FormGroup>
            <FormGroup label={t("kcentraKeepVersions")} fieldId="kcentra-keep">
              <TextInput id="kcentra-keep" type="number" value={policy.keepVersions ?? ""} isDisabled={!canManage}
                onChange={(_e, v) => set({ keepVersions: num(v) ?? undefined })} />
            </FormGroup>
            {!manual && (
              <FormGroup label={t("kcentraWebhookUrl")} fieldId="kcentra-webhook-url" isRequired>
                <TextInput id="kcentra-webhook-url" value={policy.webhook?.url ?? ""} isDisabled={!canManage}
                  onChange={(_e, v) => set({ webhook: { ...policy.webhook, url: v } })} />
              </FormGroup>
            )}
            <ActionGroup>
              <Button type="submit" data-testid="kcentra-rotation-save" isDisabled={!canManage}>{t("save")}</Button>
            </ActionGroup>
          </Form>
          {!manual && (
            <Form isHorizontal className="pf-v5-u-mt-md" onSubmit={(e) => { e.preventDefault(); void saveSecret(); }}>
              <FormGroup label={t("kcentraWebhookSecret")} fieldId="kcentra-webhook-secret">
                <TextInput id="kcentra-webhook-secret" type="password" autoComplete="new-password" value={secret} isDisabled={!canManage}
                  onChange={(_e, v) => setSecret(v)} />
                <FormHelperText><HelperText><HelperTextItem>
                  {status.webhookSecretSet ? t("kcentraWebhookSecretSet") : t("kcentraWebhookSecretMissing")}
                </HelperTextItem></HelperText></FormHelperText>
              </FormGroup>
              <ActionGroup>
                <Button type="submit" variant="secondary" isDisabled={!canManage || !secret}>{t("kcentraStoreSecret")}</Button>
              </ActionGroup>
            </Form>
          )}
        </CardBody>
      </Card>
    </PageSection>
  );
};
