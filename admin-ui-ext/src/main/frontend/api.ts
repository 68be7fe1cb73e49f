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

  /** POSTs a new resource and answers its id, the last segment of the Location Keycloak answers with. */
  async create(path: string, body: unknown): Promise<string> {
    const location = (await this.send("POST", path, body)).headers.get("Location") ?? "";
    return location.substring(location.lastIndexOf("/") + 1);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("PUT", path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request<T>("DELETE", path);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const text = await (await this.send(method, path, body)).text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {
      Authorization: `Bearer ${await this.token()}`,
      Accept: "application/json",
    };
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const response = await fetch(
      `${this.baseUrl}/admin/realms/${encodeURIComponent(this.realm)}/${path}`,
      { method, headers, body: body === undefined ? undefined : JSON.stringify(body) },
    );
    if (!response.ok) {
      const text = await response.text();
      const data = text ? JSON.parse(text) : undefined;
      throw new ApiError(response.status, errorText(data) ?? response.statusText, data);
    }
    return response;
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
