import type { BenchScenario } from './bench-scenario';

/**
 * The framework floor: the same process's `GET /health` (Fastify, Nest routing, guards, request id,
 * metrics hook and one `SELECT 1`). Every other rate is read against it.
 */
export const healthFloorScenario: BenchScenario = {
  id: 'floor',
  title: 'GET /health (framework floor: routing, guards, hooks, SELECT 1)',
  async prepare() {
    return {
      requests: [{ method: 'GET', path: '/health' }],
      verify: (res) => (res.json?.status === 'ok' ? true : `health answered ${res.status} ${res.text.slice(0, 200)}`),
    };
  },
};
