import { Injectable } from '@nestjs/common';
import { AppConfig } from '../platform/config/app-config';
import { AppError } from '../platform/errors/app-error';
import { HostAllowList } from '../platform/net/host-allow-list';
import { parseIp, stripBrackets } from '../platform/net/ip-address';
import { NetworkPrinter } from './network-printer';

/** The raw-TCP port of network label printers ("JetDirect"), the only port an entry without one allows. */
export const DEFAULT_PRINTER_PORT = 9100;

/**
 * Which network printers the print station may open a socket to: only those an administrator listed
 * in PRINTER_ALLOWED_HOSTS. Staff with a `shipments` key choose their station's printer, so without
 * this check any such key could make the service connect to any host and port (the database, cloud
 * metadata, internal admin ports) and write bytes to it.
 */
@Injectable()
export class PrinterTargets {
  private readonly allowed: HostAllowList;

  constructor(
    config: AppConfig,
    private readonly printer: NetworkPrinter,
  ) {
    this.allowed = HostAllowList.parse(config.PRINTER_ALLOWED_HOSTS, DEFAULT_PRINTER_PORT);
  }

  /** The allow-list as configured, for the settings page. */
  get entries(): string[] {
    return this.allowed.entries.map((e) => e.text);
  }

  /**
   * The address to connect to for `host:port`, checked against the allow-list. A listed name is used
   * as it is; a name listed only through an address block must resolve inside it, every address of it,
   * and the socket then goes to the address that was checked, not to a second lookup (DNS rebinding).
   * Throws 403 PRINTER_NOT_ALLOWED otherwise.
   */
  async resolve(host: string, port: number): Promise<string> {
    const bare = stripBrackets(host.trim());
    if (this.allowed.allowsHost(bare, port)) return bare;
    if (!parseIp(bare)) {
      const addresses = await this.printer.addresses(bare);
      if (addresses.length && addresses.every((a) => this.allowed.allowsAddress(a, port))) return addresses[0];
    }
    throw new AppError(
      403,
      'PRINTER_NOT_ALLOWED',
      this.allowed.isEmpty
        ? 'Network printing is off: no printer is listed in PRINTER_ALLOWED_HOSTS'
        : `The printer ${host}:${port} is not listed in PRINTER_ALLOWED_HOSTS; an administrator must allow it`,
    );
  }
}
