import net from 'node:net';

/**
 * A network label printer for tests: listens on a local port like a Zebra printer's raw port 9100
 * and keeps every job it receives (one job per connection, complete when the sender closes).
 */
export class FakePrinter {
  readonly jobs: Buffer[] = [];
  private server?: net.Server;
  private waiters: (() => void)[] = [];

  async start(): Promise<{ host: string; port: number }> {
    this.server = net.createServer((socket) => {
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('end', () => {
        this.jobs.push(Buffer.concat(chunks));
        socket.end();
        for (const w of this.waiters.splice(0)) w();
      });
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as net.AddressInfo;
    return { host: '127.0.0.1', port };
  }

  /** Resolves once `count` jobs have arrived (or rejects after `timeoutMs`). */
  async waitForJobs(count: number, timeoutMs = 10_000): Promise<Buffer[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.jobs.length < count) {
      if (Date.now() > deadline) throw new Error(`fake printer got ${this.jobs.length} of ${count} jobs`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
    return this.jobs.slice(0, count);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
