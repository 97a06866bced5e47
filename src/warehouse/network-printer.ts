import { Injectable } from '@nestjs/common';
import dns from 'node:dns';
import net from 'node:net';

/**
 * Sends print jobs to network label printers over raw TCP (the "JetDirect" port, 9100 by default):
 * the printer reads ZPL from the socket and prints; nothing comes back. The job counts as delivered
 * once the printer accepted every byte and the connection closed cleanly. Which printers may be
 * reached is decided before, by `PrinterTargets`; this class only speaks the wire.
 */
@Injectable()
export class NetworkPrinter {
  send(host: string, port: number, data: Buffer, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host, port });
      let settled = false;
      const finish = (error?: Error) => {
        if (settled) return;
        settled = true;
        socket.destroy();
        if (error) reject(error);
        else resolve();
      };
      socket.setTimeout(timeoutMs, () => finish(new Error(`printer ${host}:${port} did not answer within ${timeoutMs} ms`)));
      socket.on('error', (e) => finish(new Error(`printer ${host}:${port}: ${e.message}`)));
      socket.on('connect', () => {
        socket.end(data, () => undefined);
      });
      // The printer closes its side once it has read the job; our end() already sent FIN.
      socket.on('close', (hadError) => (hadError ? finish(new Error(`printer ${host}:${port} closed with an error`)) : finish()));
    });
  }

  /** Every address a printer's host name resolves to (empty when it does not resolve). */
  async addresses(host: string): Promise<string[]> {
    try {
      return (await dns.promises.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
    } catch {
      return [];
    }
  }
}
