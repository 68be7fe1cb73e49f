/** The shapes of credential-vault's admin REST (/admin/realms/{realm}/kcentra-vault), see VaultAdminResource. */
export type CredentialSummary = { username: string; version: number; createdAt: number };

export type PasswordApp = {
  id?: string;
  name: string;
  loginUrl: string;
  injection: "form" | "basic";
  usernameField?: string;
  passwordField?: string;
  description?: string;
  gatewayClientId?: string;
  requiredLoa?: number | null;
  gatewayOnly?: boolean;
  credential?: CredentialSummary | null;
};

export type GroupAssignment = { id: string; path: string };
export type UserAccess = { id: string; username: string; ownCredential: boolean };
export type AccessLogEntry = { time: number; userId: string; ipAddress: string; channel: string; outcome: string; version?: string };
export type AccessLog = { eventsSaved: boolean; entries: AccessLogEntry[] };

export type Webhook = { url: string; method?: string; usernameField?: string; currentPasswordField?: string; newPasswordField?: string };
export type RotationPolicy = {
  periodDays?: number | null;
  rotator: string;
  length?: number;
  lower?: boolean;
  upper?: boolean;
  digits?: boolean;
  symbols?: boolean;
  keepVersions?: number;
  webhook?: Webhook | null;
};
export type VersionSummary = { version: number; state: string; username: string; createdAt: number };
export type RotationStatus = {
  policy?: RotationPolicy | null;
  nextRotationAt?: number | null;
  lastRotationAt?: number | null;
  lastRotationResult?: string | null;
  webhookSecretSet: boolean;
  versions: VersionSummary[];
};
export type RotationResult = { rotated: boolean; version: number; rotator: string; message: string };

export const VAULT = "kcentra-vault";
