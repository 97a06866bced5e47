// Bench-only instrumentation, preloaded into the service process with `--require` by the bench runner
// (test/bench/service-process.ts) and never by `npm start`. It answers on the IPC channel:
//   { cmd: 'gc' }                       -> full garbage collection (needs --expose-gc), then memoryUsage()
//   { cmd: 'profile-start' }            -> starts the V8 CPU profiler
//   { cmd: 'profile-stop', file }       -> stops it and writes a .cpuprofile to `file`, and the allocations
//                                          sampled meanwhile to the same name with .heapprofile
//   { cmd: 'loop-start' }               -> starts measuring event-loop delay (perf_hooks, 1 ms resolution)
//   { cmd: 'loop-stop' }                -> stops it: { loop: { p99, max, gc } } in ms, where
//                                          gc = { count, totalMs, maxMs } of the collections in between
// Profiling in-process through node:inspector lets the runner profile exactly one scenario's window;
// `node --cpu-prof` would profile boot and seeding too, and writes nothing when the process dies of a signal.
'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');
const { monitorEventLoopDelay, PerformanceObserver, createHistogram } = require('node:perf_hooks');
const http = require('node:http');

if (typeof process.send === 'function') {
  let session;
  let loop;
  let gcObserver;
  let gc;
  // Time from a request's headers parsed to its answer's last byte handed to the kernel, in ns.
  let served;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (event, req, res) {
    if (event === 'request' && served) {
      const start = process.hrtime.bigint();
      const histogram = served;
      res.once('finish', () => histogram.record(Math.max(1, Number(process.hrtime.bigint() - start))));
    }
    return emit.apply(this, arguments);
  };
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
      await post('HeapProfiler.enable');
      // Sampled allocations (one sample per 16 KB on average): where the garbage comes from.
      await post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      return {};
    },
    async 'profile-stop'(msg) {
      const { profile } = await post('Profiler.stop');
      await post('Profiler.disable');
      const { profile: allocations } = await post('HeapProfiler.stopSampling');
      await post('HeapProfiler.disable');
      fs.mkdirSync(path.dirname(msg.file), { recursive: true });
      fs.writeFileSync(msg.file, JSON.stringify(profile));
      fs.writeFileSync(msg.file.replace(/\.cpuprofile$/, '.heapprofile'), JSON.stringify(allocations));
      return { file: msg.file };
    },
    async 'loop-start'() {
      loop?.disable();
      loop = monitorEventLoopDelay({ resolution: 1 });
      loop.enable();
      gc = { count: 0, totalMs: 0, maxMs: 0 };
      served = createHistogram();
      gcObserver?.disconnect();
      gcObserver = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          gc.count++;
          gc.totalMs += e.duration;
          gc.maxMs = Math.max(gc.maxMs, e.duration);
        }
      });
      gcObserver.observe({ entryTypes: ['gc'] });
      return {};
    },
    async 'loop-stop'() {
      if (!loop) throw new Error('loop-start first');
      loop.disable();
      // Delays beyond the 1 ms sampling timer, in ms.
      const ms = (ns) => Math.max(0, ns / 1e6 - 1);
      gcObserver?.disconnect();
      gcObserver = undefined;
      const inService = (ns) => ns / 1e6;
      const result = {
        p99: ms(loop.percentile(99)),
        max: ms(loop.max),
        gc,
        served: served.count ? { count: served.count, p50: inService(served.percentile(50)), p99: inService(served.percentile(99)), max: inService(served.max) } : undefined,
      };
      loop = undefined;
      served = undefined;
      return { loop: result };
    },
  };

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
