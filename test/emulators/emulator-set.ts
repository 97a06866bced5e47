import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FedexEmulator } from './fedex/fedex.emulator';
import { MydhlEmulator } from './mydhl/mydhl.emulator';
import { UpsEmulator } from './ups/ups.emulator';

/** Credentials the emulators accept; the same values go into the service's environment. */
export const EMULATOR_CREDENTIALS = {
  MYDHL_API_KEY: 'emulator-dhl-key',
  MYDHL_API_SECRET: 'emulator-dhl-secret',
  MYDHL_ACCOUNT_NUMBER: '123456789',
  UPS_CLIENT_ID: 'emulator-ups-client',
  UPS_CLIENT_SECRET: 'emulator-ups-secret',
  UPS_ACCOUNT_NUMBER: 'A1B2C3',
  FEDEX_CLIENT_ID: 'emulator-fedex-client',
  FEDEX_CLIENT_SECRET: 'emulator-fedex-secret',
  FEDEX_ACCOUNT_NUMBER: '740561073',
  FEDEX_WEBHOOK_SECRET: 'emulator-fedex-webhook-secret',
  UPS_WEBHOOK_CREDENTIAL: 'emulator-ups-track-alert-credential',
} as const;

export interface EmulatorSet {
  mydhl: MydhlEmulator;
  ups: UpsEmulator;
  fedex: FedexEmulator;
  /** Environment for the service: base URLs of the running emulators plus the credentials. */
  env: Record<string, string>;
  /** Clears faults, recorded requests and shipments of all three. */
  reset(): void;
  stop(): Promise<void>;
}

/** Starts the three carrier emulators (random local ports unless given). */
export async function startEmulators(ports: { mydhl?: number; ups?: number; fedex?: number } = {}, host = '127.0.0.1'): Promise<EmulatorSet> {
  const c = EMULATOR_CREDENTIALS;
  const mydhl = new MydhlEmulator({ apiKey: c.MYDHL_API_KEY, apiSecret: c.MYDHL_API_SECRET });
  const ups = new UpsEmulator({ clientId: c.UPS_CLIENT_ID, clientSecret: c.UPS_CLIENT_SECRET, accountNumber: c.UPS_ACCOUNT_NUMBER });
  const fedex = new FedexEmulator({ clientId: c.FEDEX_CLIENT_ID, clientSecret: c.FEDEX_CLIENT_SECRET, accountNumber: c.FEDEX_ACCOUNT_NUMBER });
  const [mydhlUrl, upsUrl, fedexUrl] = await Promise.all([mydhl.start(ports.mydhl ?? 0, host), ups.start(ports.ups ?? 0, host), fedex.start(ports.fedex ?? 0, host)]);
  return {
    mydhl,
    ups,
    fedex,
    env: { ...c, MYDHL_BASE_URL: mydhlUrl, UPS_BASE_URL: upsUrl, FEDEX_BASE_URL: fedexUrl },
    reset() {
      mydhl.reset();
      ups.reset();
      fedex.reset();
    },
    stop: async () => {
      await Promise.all([mydhl.stop(), ups.stop(), fedex.stop()]);
    },
  };
}

/**
 * A carriers folder holding copies of the named carrier folders of this repository, so a test runs
 * against exactly those carriers. Returns the folder and a function that removes it.
 */
export function carriersFolder(ids: string[], repoCarriersDir = path.resolve(__dirname, '../../carriers')): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pw-carriers-'));
  for (const id of ids) cpSync(path.join(repoCarriersDir, id), path.join(dir, id), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
