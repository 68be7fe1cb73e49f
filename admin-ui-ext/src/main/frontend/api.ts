import { useAdminClient, useRealm } from "@keycloak/keycloak-admin-ui";
import { useMemo } from "react";

/** Calls our admin REST resources (/admin/realms/{realm}/kcentra-*) with the console's token. */
export class KcentraApi {
  constructor(
    private readonly baseUrl: string,
    private readonly realm: string,
    private readonly token: () => Promise<string | undefined>,
  ) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>("GET", path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("PUT", path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>("DELETE", path);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${await this.token()}`,
      Accept: "application/json",
    };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(
      `${this.baseUrl}/admin/realms/${encodeURIComponent(this.realm)}/${path}`,
      { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
    );
    const text = await response.text();
    const data = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      throw new ApiError(response.status, errorText(data) ?? response.statusText, data);
    }
    return data as T;
  }
}

/** A refused call; the server's own message (ErrorResponse or OAuth error) is the error's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

function errorText(data: any): string | undefined {
  if (!data || typeof data !== "object") return undefined;
  return data.errorMessage ?? data.error_description ?? data.error ?? data.message;
}

export function useKcentraApi() {
  const { adminClient } = useAdminClient();
  const { realm } = useRealm();
  return useMemo(
    () => new KcentraApi(adminClient.baseUrl, realm, () => adminClient.getAccessToken()),
    [adminClient, realm],
  );
}

export const formatTime = (epochMillis?: number | null) =>
  epochMillis ? new Date(epochMillis).toLocaleString() : "";
