import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  const base = { DATABASE_URL: 'postgres://u:secret@localhost:5432/db' };

  it('applies defaults', () => {
    const c = loadConfig(base);
    expect(c.PORT).toBe(3000);
    expect(c.HOST).toBe('0.0.0.0');
    expect(c.QUOTE_TTL_MINUTES).toBe(30);
    expect(c.WEBHOOK_ALLOWED_HOSTS).toEqual([]);
    expect(c.publicBaseUrl).toBe('http://localhost:3000');
  });

  it.each([
    [{ PORT: '8080' }, 'PORT', 8080],
    [{ JOBS_ENABLED: 'false' }, 'JOBS_ENABLED', false],
    [{ JOBS_ENABLED: '1' }, 'JOBS_ENABLED', true],
    [{ WEBHOOK_ALLOWED_HOSTS: 'a.test, b.test ,' }, 'WEBHOOK_ALLOWED_HOSTS', ['a.test', 'b.test']],
    [{ PUBLIC_BASE_URL: 'https://track.example.com/' }, 'publicBaseUrl', 'https://track.example.com'],
    [{ PRINTER_ALLOWED_HOSTS: 'zebra-1.wh.example, 10.0.5.0/24:9101,[fd00::/64]' }, 'PRINTER_ALLOWED_HOSTS', ['zebra-1.wh.example', '10.0.5.0/24:9101', '[fd00::/64]']],
  ])('parses %j', (env, key, expected) => {
    expect((loadConfig({ ...base, ...env }) as unknown as Record<string, unknown>)[key]).toEqual(expected);
  });

  it('lists every problem and never prints secret values', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({ DATABASE_URL: 'mysql://root:hunter2@x/db', PORT: 'eighty', LOG_LEVEL: 'loud', ADMIN_API_KEY: 'short' });
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(error!.problems).toHaveLength(4);
    expect(error!.message).toMatch(/PORT="eighty"/);
    expect(error!.message).toMatch(/LOG_LEVEL="loud"/);
    expect(error!.message).not.toContain('hunter2');
    expect(error!.message).not.toContain('short');
  });

  it.each(['maybe', 'flase', 'nah', '2'])('refuses the yes/no value %j instead of reading it as "no"', (word) => {
    expect(() => loadConfig({ ...base, JOBS_ENABLED: word })).toThrow(new RegExp(`JOBS_ENABLED="${word}"`));
    expect(() => loadConfig({ ...base, LOG_REQUESTS: word })).toThrow(/LOG_REQUESTS/);
  });

  it.each([['OFF', false], [' Yes ', true], ['0', false], ['on', true]])('reads the yes/no word %j', (word, expected) => {
    expect(loadConfig({ ...base, JOBS_ENABLED: word as string }).JOBS_ENABLED).toBe(expected);
  });

  it('refuses malformed printer allow-list entries, naming each', () => {
    expect(() => loadConfig({ ...base, PRINTER_ALLOWED_HOSTS: 'ok.example,10.0.0.0/40,printer:0' })).toThrow(/PRINTER_ALLOWED_HOSTS.*10\.0\.0\.0\/40.*printer:0/);
  });

  it('fails fast when DATABASE_URL is missing', () => {
    expect(() => loadConfig({})).toThrow(/DATABASE_URL/);
  });

  it('reads every declared variable, including optional ones without a default, and nothing else', () => {
    const c = loadConfig({ ...base, UPS_CLIENT_ID: 'abc', PATH: '/usr/bin' }) as unknown as Record<string, unknown>;
    expect(c.UPS_CLIENT_ID).toBe('abc');
    expect(c.PATH).toBeUndefined();
  });

  it('returns a frozen object', () => {
    const c = loadConfig(base);
    expect(Object.isFrozen(c)).toBe(true);
  });
});
