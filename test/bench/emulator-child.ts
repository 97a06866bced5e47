import { ChildProcess, fork } from 'node:child_process';
import path from 'node:path';

/** The carrier emulators running in their own process (see emulator-process.ts). */
export class EmulatorChild {
  private constructor(
    private readonly child: ChildProcess,
    /** Base URLs and credentials for the service's environment. */
    readonly env: Record<string, string>,
  ) {}

  static async start(timeoutMs = 60_000): Promise<EmulatorChild> {
    const child = fork(path.join(__dirname, 'emulator-process.js'), [], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    const env = await new Promise<Record<string, string>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the emulators did not start in time')), timeoutMs);
      child.once('message', (m: { env: Record<string, string> }) => {
        clearTimeout(timer);
        resolve(m.env);
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the emulators exited with code ${code}: ${stderr}`));
      });
    });
    return new EmulatorChild(child, env);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
