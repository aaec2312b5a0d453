import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

/**
 * POSTs a webhook body and resolves with the HTTP status. Node's own client rather than fetch, because it takes the
 * `lookup` that decides which address the socket connects to; redirects are not followed.
 */
export function postWebhook(
  url: string,
  headers: Readonly<Record<string, string>>,
  body: string,
  options: { timeoutMs: number; lookup: LookupFunction },
): Promise<number> {
  const target = new URL(url);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: options.lookup,
        signal: AbortSignal.timeout(options.timeoutMs),
        agent: false,
      },
      (response) => {
        response.on('error', reject);
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.resume();
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}
