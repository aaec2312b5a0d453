import { saveFile } from '../dom/save-file';
import { ApiError } from './api-error';

export interface ApiClientOptions {
  token: () => string | null;
  /** Called when the server no longer accepts the session (expired, revoked). */
  onUnauthorised: () => void;
}

/** JSON over fetch with the session's bearer token; any failure becomes an ApiError with a French message. */
export class ApiClient {
  constructor(private readonly options: ApiClientOptions) {}

  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, body);
  }

  /** A file fetched with the token, kept in the page (an attachment's preview). */
  async blob(path: string): Promise<Blob> {
    return (await this.send('GET', path)).blob();
  }

  /** A file the server builds (CSV export, attachment): fetched with the token, then handed to the browser. */
  async download(path: string, fallbackName: string): Promise<void> {
    const response = await this.send('GET', path);
    const blob = await response.blob();
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const name = /filename\*=UTF-8''([^;]+)/.exec(disposition)?.[1] ?? /filename="([^"]+)"/.exec(disposition)?.[1];
    saveFile(blob, name ? decodeURIComponent(name) : fallbackName);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await this.send(method, path, body);
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    const token = this.options.token();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'same-origin',
      });
    } catch {
      throw new ApiError(0, 'Le serveur ne répond pas. Vérifiez la connexion réseau puis réessayez.');
    }
    if (response.ok) return response;
    const answer = (await response.json().catch(() => null)) as {
      error?: string;
      details?: Array<{ field: string; message: string }>;
    } | null;
    if (response.status === 401 && token) this.options.onUnauthorised();
    throw new ApiError(response.status, answer?.error ?? `Erreur ${response.status} du serveur.`, answer?.details ?? [], answer);
  }
}
