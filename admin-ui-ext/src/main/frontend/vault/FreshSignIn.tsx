import { useEnvironment } from "@keycloak/keycloak-admin-ui";
import { Alert, Button } from "@patternfly/react-core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api";

/**
 * The server lets only an admin who signed in moments ago reveal a password or change where it is sent (login URL,
 * injection, gateway client, webhook and its secret, rotate now); otherwise it answers 403 and says so. This keeps
 * that answer on the page with a "Sign in again" that brings the admin back here.
 */
export const useFreshSignIn = (titleKey: string, testId: string) => {
  const { t } = useTranslation();
  const { keycloak } = useEnvironment();
  const [message, setMessage] = useState<string>();

  /** True when the error was the server asking for a fresh sign-in (then shown on the page). */
  const asked = (error: unknown) => {
    if (error instanceof ApiError && error.status === 403) {
      setMessage(error.message);
      return true;
    }
    return false;
  };

  const alert = message && (
    <Alert isInline variant="warning" title={t(titleKey)} className="pf-v5-u-mt-md" data-testid={testId}
      actionLinks={<Button variant="link" isInline data-testid="kcentra-sign-in-again"
        onClick={() => void keycloak.login({ prompt: "login", redirectUri: window.location.href })}>{t("kcentraSignInAgain")}</Button>}>
      {message}
    </Alert>
  );

  return { asked, clear: () => setMessage(undefined), alert };
};
