import { CarrierError } from '../carrier-error';
import type { CarrierHttpClient, CarrierHttpRequest } from './carrier-http.client';
import { OAuthClientCredentials, readStandardToken } from './oauth-token.provider';

/** A stand-in for the HTTP client that answers token requests from a queue. */
function fakeHttp(answers: unknown[]) {
  const calls: CarrierHttpRequest[] = [];
  const http = {
    request: async (req: CarrierHttpRequest) => {
      calls.push(req);
      await new Promise((r) => setTimeout(r, 5));
      return { status: 200, headers: {}, body: answers.shift() };
    },
  } as unknown as CarrierHttpClient;
  return { http, calls };
}

describe('OAuth client credentials token', () => {
  const tokenRequest = (): CarrierHttpRequest => ({ operation: 'token', method: 'POST', path: '/oauth/token', form: { grant_type: 'client_credentials' }, safe: true });
  const signal = new AbortController().signal;

  it('caches the token until shortly before it expires, then fetches a new one', async () => {
    let now = new Date('2026-11-27T10:00:00Z');
    const { http, calls } = fakeHttp([{ access_token: 'a', expires_in: '3600' }, { access_token: 'b', expires_in: 3600 }]);
    const auth = new OAuthClientCredentials(http, { carrier: 'x', tokenRequest, readToken: readStandardToken, renewBeforeSeconds: 60, now: () => now });
    expect(await auth.headers(signal)).toEqual({ Authorization: 'Bearer a' });
    now = new Date('2026-11-27T10:58:59Z');
    expect(await auth.accessToken(signal)).toBe('a');
    now = new Date('2026-11-27T10:59:01Z');
    expect(await auth.accessToken(signal)).toBe('b');
    expect(calls).toHaveLength(2);
  });

  it('shares one token request among concurrent callers', async () => {
    const { http, calls } = fakeHttp([{ access_token: 'a', expires_in: 3600 }]);
    const auth = new OAuthClientCredentials(http, { carrier: 'x', tokenRequest, readToken: readStandardToken });
    const tokens = await Promise.all([auth.accessToken(signal), auth.accessToken(signal), auth.accessToken(signal)]);
    expect(tokens).toEqual(['a', 'a', 'a']);
    expect(calls).toHaveLength(1);
  });

  it('fetches a new token after invalidate (a 401)', async () => {
    const { http, calls } = fakeHttp([{ access_token: 'a', expires_in: 3600 }, { access_token: 'b', expires_in: 3600 }]);
    const auth = new OAuthClientCredentials(http, { carrier: 'x', tokenRequest, readToken: readStandardToken });
    await auth.accessToken(signal);
    expect(auth.invalidate()).toBe(true);
    expect(await auth.accessToken(signal)).toBe('b');
    expect(calls).toHaveLength(2);
  });

  it('renews a very short-lived token at half its life instead of never caching it', async () => {
    let now = new Date('2026-11-27T10:00:00Z');
    const { http } = fakeHttp([{ access_token: 'a', expires_in: 30 }, { access_token: 'b', expires_in: 30 }]);
    const auth = new OAuthClientCredentials(http, { carrier: 'x', tokenRequest, readToken: readStandardToken, now: () => now });
    await auth.accessToken(signal);
    now = new Date('2026-11-27T10:00:14Z');
    expect(await auth.accessToken(signal)).toBe('a');
    now = new Date('2026-11-27T10:00:16Z');
    expect(await auth.accessToken(signal)).toBe('b');
  });

  it.each([[{}], [{ access_token: '', expires_in: 10 }], [{ access_token: 't' }], [{ access_token: 't', expires_in: 'soon' }]])('refuses a token body %j as AUTH', async (body) => {
    const { http } = fakeHttp([body]);
    const auth = new OAuthClientCredentials(http, { carrier: 'x', tokenRequest, readToken: readStandardToken });
    await expect(auth.accessToken(signal)).rejects.toBeInstanceOf(CarrierError);
    await expect(new OAuthClientCredentials(fakeHttp([body]).http, { carrier: 'x', tokenRequest, readToken: readStandardToken }).accessToken(signal)).rejects.toMatchObject({ code: 'AUTH' });
  });
});
