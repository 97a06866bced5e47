import { clientAddress, clientKey } from './client-address';

describe('clientAddress', () => {
  it.each`
    socket         | xff                                   | hops | expected         | case
    ${'10.0.0.5'}  | ${undefined}                          | ${0} | ${'10.0.0.5'}    | ${'no proxy, no header'}
    ${'10.0.0.5'}  | ${'1.2.3.4'}                          | ${0} | ${'10.0.0.5'}    | ${'header ignored without trusted proxies (a client could forge it)'}
    ${'10.0.0.5'}  | ${'1.2.3.4'}                          | ${1} | ${'1.2.3.4'}     | ${'one load balancer'}
    ${'10.0.0.5'}  | ${'6.6.6.6, 1.2.3.4'}                 | ${1} | ${'1.2.3.4'}     | ${'forged entry on the left is skipped'}
    ${'10.0.0.5'}  | ${'6.6.6.6, 1.2.3.4, 10.0.0.9'}       | ${2} | ${'1.2.3.4'}     | ${'two proxies'}
    ${'10.0.0.5'}  | ${['6.6.6.6', '1.2.3.4']}             | ${1} | ${'1.2.3.4'}     | ${'repeated header lines'}
    ${'10.0.0.5'}  | ${'1.2.3.4'}                          | ${3} | ${'1.2.3.4'}     | ${'fewer entries than hops: leftmost'}
    ${undefined}   | ${undefined}                          | ${0} | ${'unknown'}     | ${'no socket address'}
  `('$case', ({ socket, xff, hops, expected }) => {
    expect(clientAddress(socket, xff, hops)).toBe(expected);
  });
});

describe('clientKey', () => {
  it.each`
    address                                    | key
    ${'1.2.3.4'}                               | ${'1.2.3.4'}
    ${'::ffff:1.2.3.4'}                        | ${'1.2.3.4'}
    ${'2001:db8:abcd:12:1:2:3:4'}              | ${'2001:db8:abcd:12::/64'}
    ${'2001:db8:abcd:12::99'}                  | ${'2001:db8:abcd:12::/64'}
    ${'2001:0DB8:ABCD:0012:ffff::1'}           | ${'2001:db8:abcd:12::/64'}
    ${'[2001:db8::1]'}                         | ${'2001:db8:0:0::/64'}
    ${'::1'}                                   | ${'0:0:0:0::/64'}
    ${'fe80::1%eth0'}                          | ${'fe80:0:0:0::/64'}
  `('$address -> $key', ({ address, key }) => {
    expect(clientKey(address)).toBe(key);
  });
});
