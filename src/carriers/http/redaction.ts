/** Header names whose values are credentials and never reach a log line. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'cookie', 'set-cookie', 'credential', 'fdx-signature']);

/** Query or form parameters that carry credentials. */
const SECRET_PARAMS = /^(client_secret|client_id|access_token|refresh_token|password|api_?key|secret|token)$/i;

export const REDACTED = '[redacted]';

/** A copy of `headers` safe to log: credential headers are replaced by a marker. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = SECRET_HEADERS.has(k.toLowerCase()) ? REDACTED : v;
  return out;
}

/** A URL or path safe to log: credential query parameters and URL user info are masked. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url, 'http://placeholder.invalid');
  } catch {
    return url.replace(/\?.*$/, '?…');
  }
  const relative = !/^[a-z][a-z0-9+.-]*:\/\//i.test(url);
  if (parsed.username || parsed.password) {
    parsed.username = parsed.username ? REDACTED : '';
    parsed.password = '';
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAMS.test(key)) parsed.searchParams.set(key, REDACTED);
  }
  const text = parsed.toString();
  return relative ? text.replace('http://placeholder.invalid', '') : text;
}

/**
 * Removes every occurrence of the given secrets from a text (e.g. a carrier message that echoes a
 * credential back). Secrets shorter than 4 characters are ignored: they would mangle ordinary words.
 */
export function redactSecrets(text: string, secrets: (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}
