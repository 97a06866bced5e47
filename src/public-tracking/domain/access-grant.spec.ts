import { randomBytes } from 'node:crypto';
import { grantCookieName, signGrant, verifyGrant } from './access-grant';

describe('access grants', () => {
  const key = randomBytes(32);
  const now = new Date('2026-11-27T10:00:00Z');
  const later = new Date('2026-11-28T10:00:00Z');
  const token = 'tok_abcdefghijklmnopqrstuvwxyz012345';

  it('verifies a genuine grant until it expires', () => {
    const grant = signGrant(key, 'session', token, later);
    expect(verifyGrant(key, 'session', token, grant, now)?.toISOString()).toBe(later.toISOString());
    expect(verifyGrant(key, 'session', token, grant, new Date('2026-11-28T10:00:01Z'))).toBeUndefined();
  });

  it.each`
    change                        | mutate
    ${'another token'}            | ${(g: string) => ({ g, token: token + 'x' })}
    ${'another kind'}             | ${(g: string) => ({ g, kind: 'link' })}
    ${'another key'}              | ${(g: string) => ({ g, key: randomBytes(32) })}
    ${'extended expiry'}          | ${(g: string) => ({ g: `${(parseInt(g.split('.')[0], 36) + 86400).toString(36)}.${g.split('.')[1]}` })}
    ${'flipped signature char'}   | ${(g: string) => ({ g: g.slice(0, -1) + (g.endsWith('A') ? 'B' : 'A') })}
    ${'garbage'}                  | ${() => ({ g: 'not-a-grant' })}
    ${'empty'}                    | ${() => ({ g: '' })}
  `('refuses $change', ({ mutate }) => {
    const grant = signGrant(key, 'session', token, later);
    const m = mutate(grant) as { g: string; token?: string; kind?: 'session' | 'link'; key?: Buffer };
    expect(verifyGrant(m.key ?? key, m.kind ?? 'session', m.token ?? token, m.g, now)).toBeUndefined();
  });

  it('names the cookie by a hash, never the token itself', () => {
    expect(grantCookieName(token)).toMatch(/^pwv_[0-9a-f]{16}$/);
    expect(grantCookieName(token)).not.toContain(token.slice(4, 12));
    expect(grantCookieName(token)).not.toBe(grantCookieName(`${token}2`));
  });
});
