import type { Repository } from 'typeorm';
import { FixedClock } from '../platform/clock/clock';
import { AppConfig } from '../platform/config/app-config';
import type { ApiKeyEntity } from './api-key.entity';
import { ApiKeyService } from './api-key.service';

/** The key table as the service sees it: lookups wait until released, answering the row as it is then. */
function fakeKeys() {
  const state = { revoked: false, lookups: 0 };
  const pending: (() => void)[] = [];
  const master = {
    query: () => {
      state.lookups++;
      // The row is read when the statement runs, before the revocation commits.
      const row = state.revoked ? [] : [{ id: 'key_1', name: 'checkout', scopes: ['quotes'] }];
      return new Promise((resolve) => pending.push(() => resolve({ rows: row })));
    },
  };
  const keys = {
    manager: { connection: { driver: { master } } },
    update: async (where: { id?: string }) => {
      if (where.id) state.revoked = true;
      return { affected: 1 };
    },
  } as unknown as Repository<ApiKeyEntity>;
  const release = () => pending.splice(0).forEach((answer) => answer());
  return { keys, state, release };
}

describe('ApiKeyService cache', () => {
  const config = Object.assign(new AppConfig(), { API_KEY_CACHE_SECONDS: 10 });

  it('a lookup that overlapped a revocation is answered but not remembered', async () => {
    const { keys, state, release } = fakeKeys();
    const service = new ApiKeyService(keys, config, new FixedClock(new Date('2026-11-27T10:00:00Z')));
    const during = service.authenticate('pw_secret');
    await service.revoke('key_1');
    release();
    expect(await during).toMatchObject({ keyId: 'key_1' });
    const after = service.authenticate('pw_secret');
    release();
    expect(await after).toBeUndefined();
    expect(state.lookups).toBe(2);
  });

  it('remembers a valid key for API_KEY_CACHE_SECONDS', async () => {
    const { keys, state, release } = fakeKeys();
    const clock = new FixedClock(new Date('2026-11-27T10:00:00Z'));
    const service = new ApiKeyService(keys, config, clock);
    const first = service.authenticate('pw_secret');
    release();
    await first;
    clock.advance(9_999);
    expect(await service.authenticate('pw_secret')).toMatchObject({ keyId: 'key_1' });
    expect(state.lookups).toBe(1);
    clock.advance(2);
    const again = service.authenticate('pw_secret');
    release();
    await again;
    expect(state.lookups).toBe(2);
  });
});
