// Bench-only instrumentation, preloaded into the service process with `--require` by the bench runner
// (test/bench/service-process.ts) and never by `npm start`. It answers on the IPC channel:
//   { cmd: 'gc' }                       -> full garbage collection (needs --expose-gc), then memoryUsage()
//   { cmd: 'profile-start' }            -> starts the V8 CPU profiler
//   { cmd: 'profile-stop', file }       -> stops it and writes a .cpuprofile to `file`
//   { cmd: 'loop-start' }               -> starts measuring event-loop delay (perf_hooks, 1 ms resolution)
//   { cmd: 'loop-stop' }                -> stops it: { loop: { p50, p99, max, over10ms } } in ms
// Profiling in-process through node:inspector lets the runner profile exactly one scenario's window;
// `node --cpu-prof` would profile boot and seeding too, and writes nothing when the process dies of a signal.
'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');
const { monitorEventLoopDelay } = require('node:perf_hooks');

if (typeof process.send === 'function') {
  let session;
  let loop;
  const post = (method, params) =>
    new Promise((resolve, reject) => session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))));

  const handlers = {
    async gc() {
      if (typeof global.gc !== 'function') throw new Error('start the service with --expose-gc');
      global.gc();
      await new Promise((r) => setImmediate(r));
      global.gc();
      return { memory: process.memoryUsage() };
    },
    async 'profile-start'() {
      if (!session) {
        session = new inspector.Session();
        session.connect();
      }
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 500 });
      await post('Profiler.start');
      return {};
    },
    async 'profile-stop'(msg) {
      const { profile } = await post('Profiler.stop');
      await post('Profiler.disable');
      fs.mkdirSync(path.dirname(msg.file), { recursive: true });
      fs.writeFileSync(msg.file, JSON.stringify(profile));
      return { file: msg.file };
    },
    async 'loop-start'() {
      loop?.disable();
      loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      return {};
    },
    async 'loop-stop'() {
      if (!loop) throw new Error('loop-start first');
      loop.disable();
      // Delays beyond the 1 ms sampling timer, in ms; `over10ms` is the share of samples that came
      // more than 10 ms late (the timer fires about once per ms of an idle loop, less when busy).
      const ms = (ns) => Math.max(0, ns / 1e6 - 1);
      const over = loop.count ? 1 - cumulativeBelow(loop, 11e6) : 0;
      const result = { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max), over10ms: over };
      loop = undefined;
      return { loop: result };
    },
  };

  /** Share of samples at or below `ns` (the histogram's percentiles are its only public view). */
  function cumulativeBelow(h, ns) {
    let below = 0;
    for (const [pct, value] of h.percentiles) if (value <= ns) below = pct / 100;
    return below;
  }

  process.on('message', (msg) => {
    const handler = msg && handlers[msg.cmd];
    if (!handler) return;
    handler(msg).then(
      (res) => process.send({ id: msg.id, ok: true, ...res }),
      (err) => process.send({ id: msg.id, ok: false, error: String(err && err.message ? err.message : err) }),
    );
  });
  // The channel must not keep the service alive after its server closes.
  process.channel && process.channel.unref();
}
