import { CheckedBy, requestChecksOf, runRequestChecks, validOutside } from './request-checks';

describe('request checks', () => {
  it('validOutside: a path at, inside or around a reported one is not valid', () => {
    const valid = validOutside(['shipTo', 'items[0].hsCode']);
    expect(['shipTo', 'shipTo.region', 'items[0].hsCode', 'items[0]', 'items'].map(valid)).toEqual([false, false, false, false, false]);
    expect(['shipFrom.region', 'items[1].hsCode', 'items[0].quantity', 'shipToo'].map(valid)).toEqual([true, true, true, true]);
  });

  it('runs `always` checks on every body and `whenInvalid` ones only after structural problems, skipping what was reported', async () => {
    @CheckedBy<Body>({
      always: [() => [{ path: 'amount', message: 'too precise' }]],
      whenInvalid: [(_dto, { resolve }) => [{ path: 'region', message: `required (${resolve(Marker).name})` }, { path: 'hsCode', message: 'again' }]],
    })
    class Body {}
    class Child extends Body {}
    class Marker {
      name = 'resolved';
    }
    const resolve = (() => new Marker()) as never;
    expect(requestChecksOf(Child)).toBe(requestChecksOf(Body));
    expect(await runRequestChecks(new Body(), [], resolve)).toEqual([{ path: 'amount', message: 'too precise' }]);
    expect(await runRequestChecks(new Child(), [{ path: 'hsCode', message: 'bad' }], resolve)).toEqual([
      { path: 'amount', message: 'too precise' },
      { path: 'region', message: 'required (resolved)' },
    ]);
    expect(await runRequestChecks({}, [{ path: 'x', message: 'bad' }], resolve)).toEqual([]);
  });
});
