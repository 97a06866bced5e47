// Loaded before every e2e test file: any connection to a host other than this machine fails the
// test, so a test can never reach a real carrier or a real webhook target by accident.
import net from 'node:net';

const LOCAL = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1', undefined, '']);
const original = net.Socket.prototype.connect;

net.Socket.prototype.connect = function patchedConnect(this: net.Socket, ...args: unknown[]) {
  const first = args[0] as { host?: string; path?: string } | number | string | undefined;
  let host: string | undefined;
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    host = first.path ? 'localhost' : first.host;
  } else if (typeof first === 'number') {
    host = typeof args[1] === 'string' ? args[1] : undefined;
  } else if (typeof first === 'string') {
    host = 'localhost'; // unix socket path
  }
  if (!LOCAL.has(host)) {
    throw new Error(`Test tried to open a connection to ${host}: outbound network is not allowed in tests`);
  }
  return (original as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
