// Bench-only instrumentation, preloaded into the service process with `--require` by the bench runner
// (test/bench/service-process.ts) and never by `npm start`. It answers on the IPC channel:
//   { cmd: 'gc' }                       -> full garbage collection (needs --expose-gc), then memoryUsage()
//   { cmd: 'profile-start' }            -> starts the V8 CPU profiler
//   { cmd: 'profile-stop', file }       -> stops it and writes a .cpuprofile to `file`
// Profiling in-process through node:inspector lets the runner profile exactly one scenario's window;
// `node --cpu-prof` would profile boot and seeding too, and writes nothing when the process dies of a signal.
'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');
const path = require('node:path');

if (typeof process.send === 'function') {
  let session;
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
