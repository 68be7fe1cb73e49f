import {
  ActionGroup, Button, Form, FormGroup, FormHelperText, FormSelect, FormSelectOption, HelperText, HelperTextItem, Switch, TextArea, TextInput,
} from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { PasswordApp } from "./types";

type AppFormProps = {
  app?: PasswordApp;
  isDisabled?: boolean;
  onSave: (app: PasswordApp) => Promise<void>;
  onCancel?: () => void;
};

const EMPTY: PasswordApp = { name: "", loginUrl: "", injection: "form", usernameField: "username", passwordField: "password", description: "" };

/** A password app's settings; the server validates them (URL, field names) and answers with what is wrong. */
export const AppForm = ({ app, isDisabled, onSave, onCancel }: AppFormProps) => {
  const { t } = useTranslation();
  const [value, setValue] = useState<PasswordApp>(app ?? EMPTY);
  const set = (patch: Partial<PasswordApp>) => setValue({ ...value, ...patch });
  const text = (field: keyof PasswordApp, label: string, required = false) => (
    <FormGroup label={t(label)} fieldId={`kcentra-app-${field}`} isRequired={required}>
      <TextInput id={`kcentra-app-${field}`} data-testid={`kcentra-app-${field}`} isRequired={required} isDisabled={isDisabled}
        value={(value[field] as string | undefined) ?? ""} onChange={(_e, v) => set({ [field]: v } as Partial<PasswordApp>)} />
    </FormGroup>
  );
  return (
    <Form isHorizontal onSubmit={(e) => { e.preventDefault(); void onSave(value); }}>
      {text("name", "kcentraAppName", true)}
      {text("loginUrl", "kcentraLoginUrl", true)}
      <FormGroup label={t("kcentraInjection")} fieldId="kcentra-app-injection">
        <FormSelect id="kcentra-app-injection" data-testid="kcentra-app-injection" value={value.injection} isDisabled={isDisabled}
          onChange={(_e, v) => set({ injection: v as PasswordApp["injection"] })}>
          <FormSelectOption value="form" label={t("kcentraInjectionForm")} />
          <FormSelectOption value="basic" label={t("kcentraInjectionBasic")} />
        </FormSelect>
      </FormGroup>
      {value.injection === "form" && text("usernameField", "kcentraUsernameField", true)}
      {value.injection === "form" && text("passwordField", "kcentraPasswordField", true)}
      <FormGroup label={t("kcentraDescription")} fieldId="kcentra-app-description">
        <TextArea id="kcentra-app-description" value={value.description ?? ""} isDisabled={isDisabled}
          onChange={(_e, v) => set({ description: v })} rows={2} />
      </FormGroup>
      {text("gatewayClientId", "kcentraGatewayClient")}
      {value.injection === "form" && (
        <FormGroup label={t("kcentraGatewayOnly")} fieldId="kcentra-app-gatewayOnly">
          <Switch id="kcentra-app-gatewayOnly" data-testid="kcentra-app-gatewayOnly" isChecked={value.gatewayOnly ?? false} isDisabled={isDisabled}
            label={t("on")} labelOff={t("off")} aria-label={t("kcentraGatewayOnly")}
            onChange={(_e, checked) => set({ gatewayOnly: checked })} />
          <FormHelperText><HelperText><HelperTextItem>{t("kcentraGatewayOnlyHelp")}</HelperTextItem></HelperText></FormHelperText>
        </FormGroup>
      )}
      <ActionGroup>
        <Button type="submit" data-testid="kcentra-app-save" isDisabled={isDisabled}>{t("save")}</Button>
        {onCancel && <Button variant="link" onClick={onCancel}>{t("cancel")}</Button>}
      </ActionGroup>
    </Form>
  );
};
