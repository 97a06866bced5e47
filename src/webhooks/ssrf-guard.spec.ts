import type { AppConfig } from '../platform/config/app-config';
import { ForbiddenTargetError, SsrfGuard } from './ssrf-guard';

const guard = (allowed: string[]) => new SsrfGuard({ WEBHOOK_ALLOWED_HOSTS: allowed } as unknown as AppConfig);
const lookup = (g: SsrfGuard, host: string) =>
  new Promise<string>((resolve, reject) => g.lookup(host, {}, (err, address) => (err ? reject(err) : resolve(String(address)))));

describe('SsrfGuard', () => {
  it('refuses literal private addresses unless allow-listed', async () => {
    await expect(guard([]).assertPublic('127.0.0.1')).rejects.toBeInstanceOf(ForbiddenTargetError);
    await expect(guard([]).assertPublic('[fe80::1]')).rejects.toThrow(/link-local/);
    await expect(guard(['127.0.0.1']).assertPublic('127.0.0.1')).resolves.toBeUndefined();
    await expect(guard([]).assertPublic('8.8.8.8')).resolves.toBeUndefined();
  });

  it('checks every address a host name resolves to, at connect time too (DNS rebinding)', async () => {
    // localhost resolves from the hosts file, without any network.
    await expect(guard([]).assertPublic('localhost')).rejects.toThrow(/loopback/);
    await expect(lookup(guard([]), 'localhost')).rejects.toBeInstanceOf(ForbiddenTargetError);
    await expect(lookup(guard(['LOCALHOST']), 'localhost')).resolves.toMatch(/^(127\.0\.0\.1|::1)$/);
  });
});
