// Child-process entry (node dist/test/bench/emulator-process.js): the carrier emulators in a process of
// their own, so that their request handling never waits behind the load generator's event loop.
// Sends `{ env }` over IPC once listening; stops on SIGTERM or when the parent goes away.
import { startEmulators } from '../emulators/emulator-set';

async function main(): Promise<void> {
  const set = await startEmulators();
  // A load run sends thousands of requests; the recorded copies are of no use here.
  const forget = setInterval(() => {
    for (const e of [set.mydhl, set.ups, set.fedex]) e.requests.length = 0;
  }, 1000);
  const stop = async () => {
    clearInterval(forget);
    await set.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('disconnect', () => void stop());
  process.send?.({ env: set.env });
}

main().catch((err: unknown) => {
  process.stderr.write(`emulators failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
