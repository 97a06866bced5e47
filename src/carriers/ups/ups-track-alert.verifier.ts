import { timingSafeEqual } from 'node:crypto';

/**
 * Checks that a push really comes from UPS Track Alert. The subscription registers a credential that
 * UPS sends back with every event: in the `credential` header (Track Alert v1 `destination`
 * credential) or, for credentials managed as OAuth tokens (v2 "Manage Webhook Credentials"), as
 * `Authorization: Bearer <credential>`. Compared in constant time; false when none is configured.
 */
export function verifyUpsTrackAlert(headers: Record<string, string | string[] | undefined>, expected: string | undefined): boolean {
  if (!expected) return false;
  const header = (name: string) => {
    const v = headers[name] ?? headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  };
  const candidates: string[] = [];
  const credential = header('credential');
  if (credential) candidates.push(credential.trim());
  const authorization = header('authorization');
  const bearer = authorization && /^Bearer\s+(.+)$/i.exec(authorization.trim());
  if (bearer) candidates.push(bearer[1]);
  const want = Buffer.from(expected);
  return candidates.some((c) => {
    const got = Buffer.from(c);
    return got.length === want.length && timingSafeEqual(got, want);
  });
}
