import { HttpException } from '@nestjs/common';
import { AppError } from './app-error';
import { isDatabaseUnavailable, toErrorResponse } from './all-exceptions.filter';

const queryFailed = (code: string, message = 'query failed') => Object.assign(new Error(message), { name: 'QueryFailedError', driverError: Object.assign(new Error(message), { code }) });

describe('toErrorResponse', () => {
  it.each<[string, unknown, number, string]>([
    ['an AppError keeps its status and code', new AppError(409, 'SHIPMENT_IN_TRANSIT', 'x'), 409, 'SHIPMENT_IN_TRANSIT'],
    ['a Nest HttpException', new HttpException('nope', 404), 404, 'NOT_FOUND'],
    ['a PostgreSQL data exception is the client value', queryFailed('22003', 'value out of range'), 400, 'INVALID_VALUE'],
    ['the same straight from node-pg (a prepared statement on the pool)', Object.assign(new Error('unsupported Unicode escape sequence'), { name: 'error', severity: 'ERROR', code: '22P05' }), 400, 'INVALID_VALUE'],
    ['a refused connection (database down)', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 503, 'DATABASE_UNAVAILABLE'],
    ['a session ended by a server shutdown (57P01)', queryFailed('57P01', 'terminating connection due to administrator command'), 503, 'DATABASE_UNAVAILABLE'],
    ['a server still starting (57P03)', queryFailed('57P03', 'the database system is starting up'), 503, 'DATABASE_UNAVAILABLE'],
    ['a connection exception class 08', queryFailed('08006'), 503, 'DATABASE_UNAVAILABLE'],
    ['a connection lost mid-query', new Error('Connection terminated unexpectedly'), 503, 'DATABASE_UNAVAILABLE'],
    ['a pool that cannot connect in time', new Error('timeout exceeded when trying to connect'), 503, 'DATABASE_UNAVAILABLE'],
    ['a statement queued on a transaction whose connection died', Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' }), 503, 'DATABASE_UNAVAILABLE'],
    ['a query on the connection of such a transaction', Object.assign(new Error('Database connection provided by a query runner was already released'), { name: 'QueryRunnerProviderAlreadyReleasedError' }), 503, 'DATABASE_UNAVAILABLE'],
    ['a wrapped cause', Object.assign(new Error('job queue failed'), { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }), 503, 'DATABASE_UNAVAILABLE'],
    ['a unique violation is a bug, not an outage', queryFailed('23505', 'duplicate key'), 500, 'INTERNAL'],
    ['anything else', new TypeError('undefined is not a function'), 500, 'INTERNAL'],
  ])('%s', (_name, exception, status, code) => {
    const res = toErrorResponse(exception, 'req-1');
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ code, requestId: 'req-1' });
    if (status === 503) expect(res.headers['Retry-After']).toBe('5');
  });

  it('does not follow causes for ever', () => {
    const a: { message: string; cause?: unknown } = { message: 'a' };
    a.cause = a;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
