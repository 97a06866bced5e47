import { HostAllowList, parseAllowEntry } from './host-allow-list';

describe('parseAllowEntry', () => {
  it.each([
    ['printer-1.wh.example', { name: 'printer-1.wh.example', port: 9100 }],
    ['Printer-1.WH.example:6101', { name: 'printer-1.wh.example', port: 6101 }],
    ['10.0.5.17', { range: { family: 4, base: 0x0a000511n, bits: 32 }, port: 9100 }],
    ['10.0.5.0/24:9101', { range: { family: 4, base: 0x0a000500n, bits: 24 }, port: 9101 }],
    ['10.0.5.99/24', { range: { family: 4, base: 0x0a000500n, bits: 24 }, port: 9100 }],
    ['fd00::17', { range: { family: 6, base: 0xfd000000000000000000000000000017n, bits: 128 }, port: 9100 }],
    ['[fd00::/64]:9100', { range: { family: 6, base: 0xfd000000000000000000000000000000n, bits: 64 }, port: 9100 }],
  ])('%s', (text, expected) => expect(parseAllowEntry(text, 9100)).toMatchObject(expected));

  it.each([
    ['printer:0', /port/],
    ['printer:70000', /port/],
    ['printer:abc', /port/],
    ['10.0.5.0/33', /block/],
    ['10.0.5.0/24/8', /block/],
    ['bad_host!', /host name/],
    ['-printer', /host name/],
    ['', /host name/],
  ])('refuses %s', (text, message) => expect((parseAllowEntry(text, 9100) as { problem: string }).problem).toMatch(message));
});

describe('HostAllowList', () => {
  const list = HostAllowList.parse(['printer-1.wh.example', '10.0.5.0/24', '192.168.7.9:6101', '[fd00::/64]'], 9100);

  it.each([
    ['printer-1.wh.example', 9100, true],
    ['PRINTER-1.wh.example.', 9100, true],
    ['printer-1.wh.example', 22, false],
    ['printer-2.wh.example', 9100, false],
    ['10.0.5.200', 9100, true],
    ['10.0.6.1', 9100, false],
    ['10.0.5.200', 5432, false],
    ['192.168.7.9', 6101, true],
    ['192.168.7.9', 9100, false],
    ['[fd00::1]', 9100, true],
    ['fd01::1', 9100, false],
    // A name is not an address: only a listed name or a resolved address in a block passes.
    ['10.0.5.0.example', 9100, false],
  ])('host %s port %d: %s', (host, port, allowed) => expect(list.allowsHost(host, port)).toBe(allowed));

  it('matches resolved addresses against the blocks only', () => {
    expect(list.allowsAddress('10.0.5.3', 9100)).toBe(true);
    expect(list.allowsAddress('127.0.0.1', 9100)).toBe(false);
    expect(list.allowsAddress('not-an-ip', 9100)).toBe(false);
  });

  it('lists every bad entry at once', () => {
    expect(() => HostAllowList.parse(['ok.example', 'x:0', '1.2.3.4/40'], 9100)).toThrow(/x:0.*1\.2\.3\.4\/40/);
  });

  it('an empty list allows nothing', () => {
    const empty = HostAllowList.parse([], 9100);
    expect(empty.isEmpty).toBe(true);
    expect(empty.allowsHost('127.0.0.1', 9100)).toBe(false);
  });
});
