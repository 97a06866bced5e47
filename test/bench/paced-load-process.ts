// The paced load generator's own process (see runPacedInChild in load-generator.ts): receives one
// job on the IPC channel, runs it, answers with what it measured and exits.
import { runPaced, type PacedJob } from './load-generator';

process.once('message', (job: PacedJob) => {
  runPaced(job).then(
    (result) => process.send!({ result }, () => process.exit(0)),
    (e: unknown) => process.send!({ error: e instanceof Error ? e.message : String(e) }, () => process.exit(1)),
  );
});
