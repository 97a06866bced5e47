import { Logger } from '@nestjs/common';
import { ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { CarrierAdapter } from '../../src/carriers/carrier-adapter';
import { loadCarrierCatalog } from '../../src/carriers/carrier-catalog.loader';
import { CARRIER_KINDS } from '../../src/carriers/carrier-kinds';
import type { CarrierDefinition } from '../../src/carriers/carrier-definition';
import type { ShipmentSpec } from '../../src/carriers/shipment-spec';
import { FedexAdapter } from '../../src/carriers/fedex/fedex.adapter';
import { CarrierHttpFactory } from '../../src/carriers/http/carrier-http.factory';
import { MydhlAdapter } from '../../src/carriers/mydhl/mydhl.adapter';
import { UpsAdapter } from '../../src/carriers/ups/ups.adapter';
import { Clock } from '../../src/platform/clock/clock';
import { loadConfig } from '../../src/platform/config/app-config';
import { loadReferenceData } from '../../src/tariffs/reference-data.loader';
import type { RecordedRequest } from '../emulators/carrier-emulator';
import { carriersFolder } from '../emulators/emulator-set';

/** Per carrier: the raw HTTP round trip of the same request, the adapter call, and the difference. */
export interface CarrierOverhead {
  carrier: string;
  rawMs: { p50: number; p99: number; mean: number };
  adapterMs: { p50: number; p99: number; mean: number };
  /**
   * Adapter minus raw round trip, ms: of the p50s, of the means, and the median of the differences
   * of each interleaved pair (the figure least disturbed by a busy machine; the target is judged on it).
   */
  overheadMs: { p50: number; mean: number; pairedMedian: number };
  /**
   * CPU time of this (client) process per call, ms: the adapter's and the raw round trip's. Unlike
   * wall time it does not grow while the process waits for a core on a busy machine; the difference
   * is the adapter's own work.
   */
  cpuMs: { adapter: number; raw: number; overhead: number };
}

export interface CarrierAdapterBenchResult {
  iterations: number;
  carriers: CarrierOverhead[];
  /** All three carriers rated at once (the quote fan-out), raw requests in parallel vs adapters in parallel. */
  fanOut: { rawMs: { p50: number; p99: number }; adapterMs: { p50: number; p99: number }; overheadMs: number };
}

const SHIPMENT: ShipmentSpec = {
  shipFrom: { country: 'DE', postalCode: '53113', city: 'Bonn' },
  shipTo: { country: 'US', postalCode: '10001', city: 'New York', region: 'NY', residential: true },
  parcels: [
    { weightKg: 2.5, lengthCm: 30, widthCm: 20, heightCm: 15 },
    { weightKg: 1.2, lengthCm: 20, widthCm: 20, heightCm: 10 },
  ],
  items: [
    { description: 'Cotton T-shirt', hsCode: '610910', originCountry: 'CN', quantity: 10, unitValue: { amount: '12.50', currency: 'EUR' } },
    { description: 'Ceramic mug', hsCode: '691200', originCountry: 'DE', quantity: 2, unitValue: { amount: '8.00', currency: 'EUR' } },
  ],
  handling: { dangerousGoods: [], dryIceKg: 0, fragile: false, signature: 'standard' },
  incoterm: 'DDP',
  shipDate: '2026-11-30',
};

/**
 * What a carrier adapter adds to a rate call beyond the HTTP round trip, measured against the
 * emulators (`npm run emulators`, started as a child process on free ports): first the adapter's call (request building, the cached OAuth token, axios,
 * resilience policies, JSON parsing, mapping into charges), then the raw round trip of exactly the
 * bytes the adapter sent (same path, headers and body, plain `http.request`, keep-alive, body read
 * and JSON-parsed). Both hit the same emulator route, so the emulator's own work (including its
 * schema validation) cancels out of the difference. Calls are sequential, so timings are latency,
 * not throughput; the fan-out figure rates all three carriers at once as a quote does.
 */
export async function runCarrierAdapterBench(opts: { root: string; iterations: number; log?: (m: string) => void }): Promise<CarrierAdapterBenchResult> {
  const log = opts.log ?? (() => undefined);
  // In the service the logger is pino at `info`, where the client's per-call debug line costs
  // nothing; Nest's default console logger here would print it and measure the console instead.
  Logger.overrideLogger(['error']);
  // The emulators run in their own process, so that this one measures only the client side.
  const emulators = await EmulatorProcess.start(opts.root);
  const folder = carriersFolder(['mydhl', 'ups', 'fedex'], path.join(opts.root, 'carriers'));
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  try {
    const config = loadConfig({ DATABASE_URL: 'postgres://unused@127.0.0.1/unused', ...emulators.env, CARRIERS_DIR: folder.dir, LOG_LEVEL: 'silent' });
    const clock = new Clock();
    const reference = await loadReferenceData(path.join(opts.root, 'tariffs'), opts.root);
    const catalog = await loadCarrierCatalog(folder.dir, CARRIER_KINDS, opts.root);
    const httpFactory = new CarrierHttpFactory(config, clock);
    const subjects: { id: string; adapter: CarrierAdapter; url: string; carrier: CarrierDefinition }[] = [
      { id: 'mydhl', adapter: new MydhlAdapter(config, httpFactory, reference, clock), url: emulators.env.MYDHL_BASE_URL, carrier: catalog.get('mydhl')! },
      { id: 'ups', adapter: new UpsAdapter(config, httpFactory, reference, clock), url: emulators.env.UPS_BASE_URL, carrier: catalog.get('ups')! },
      { id: 'fedex', adapter: new FedexAdapter(config, httpFactory, reference, clock), url: emulators.env.FEDEX_BASE_URL, carrier: catalog.get('fedex')! },
    ];
    const signal = new AbortController().signal;
    const warmup = Math.max(50, Math.round(opts.iterations / 10));
    const carriers: CarrierOverhead[] = [];
    const rawRequests = new Map<string, RecordedRequest>();

    for (const s of subjects) {
      const adapterCall = async () => {
        const r = await s.adapter.rate(s.carrier, SHIPMENT, { signal });
        if (r.rates.length === 0) throw new Error(`${s.id}: no rates`);
      };
      for (let i = 0; i < warmup; i++) await adapterCall();
      const seen = await recorded(s.url);
      if (seen.some((r) => r.problems.length)) throw new Error(`${s.id}: the adapter sent requests the carrier schema rejects`);
      const sent = seen.filter((r) => r.operation === 'rate').at(-1)!;
      rawRequests.set(s.id, sent);
      const raw = () => rawRoundTrip(s.url, sent, agent);
      for (let i = 0; i < warmup; i++) await raw();
      const adapterMs: number[] = [];
      const rawMs: number[] = [];
      let adapterCpu = 0;
      let rawCpu = 0;
      // Interleaved, so that machine noise hits both series alike.
      for (let i = 0; i < opts.iterations; i++) {
        let c = process.cpuUsage();
        let t = performance.now();
        await adapterCall();
        adapterMs.push(performance.now() - t);
        c = process.cpuUsage(c);
        adapterCpu += c.user + c.system;
        c = process.cpuUsage();
        t = performance.now();
        await raw();
        rawMs.push(performance.now() - t);
        c = process.cpuUsage(c);
        rawCpu += c.user + c.system;
        if (i % 500 === 499) await forget(s.url);
      }
      await forget(s.url);
      const a = summary(adapterMs);
      const r = summary(rawMs);
      const paired = summary(adapterMs.map((ms, i) => ms - rawMs[i])).p50;
      const cpuAdapter = adapterCpu / 1000 / opts.iterations;
      const cpuRaw = rawCpu / 1000 / opts.iterations;
      const result = {
        carrier: s.id,
        rawMs: r,
        adapterMs: a,
        overheadMs: { p50: round(a.p50 - r.p50), mean: round(a.mean - r.mean), pairedMedian: round(paired) },
        cpuMs: { adapter: round(cpuAdapter), raw: round(cpuRaw), overhead: round(cpuAdapter - cpuRaw) },
      };
      carriers.push(result);
      log(`${s.id}: raw round trip p50 ${r.p50} ms, adapter p50 ${a.p50} ms, wall overhead ${result.overheadMs.pairedMedian} ms (median of pairs), CPU ${result.cpuMs.adapter} vs ${result.cpuMs.raw} ms per call (+${result.cpuMs.overhead} ms)`);
    }

    const fanRaw: number[] = [];
    const fanAdapter: number[] = [];
    const fanIterations = Math.max(100, Math.round(opts.iterations / 4));
    for (let i = 0; i < fanIterations; i++) {
      let t = performance.now();
      await Promise.all(subjects.map((s) => s.adapter.rate(s.carrier, SHIPMENT, { signal })));
      fanAdapter.push(performance.now() - t);
      t = performance.now();
      await Promise.all(subjects.map((s) => rawRoundTrip(s.url, rawRequests.get(s.id)!, agent)));
      fanRaw.push(performance.now() - t);
      if (i % 200 === 199) await Promise.all(subjects.map((s) => forget(s.url)));
    }
    const fr = summary(fanRaw);
    const fa = summary(fanAdapter);
    return { iterations: opts.iterations, carriers, fanOut: { rawMs: { p50: fr.p50, p99: fr.p99 }, adapterMs: { p50: fa.p50, p99: fa.p99 }, overheadMs: round(fa.p50 - fr.p50) } };
  } finally {
    agent.destroy();
    await emulators.stop();
    folder.remove();
  }
}

/** `npm run emulators` as a child process on free ports; resolves once it printed its environment. */
class EmulatorProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly env: Record<string, string>,
  ) {}

  static async start(root: string): Promise<EmulatorProcess> {
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const child = spawn(process.execPath, [path.join(root, 'scripts/emulators.mjs')], {
      cwd: root,
      env: { ...process.env, MYDHL_EMULATOR_PORT: String(ports[0]), UPS_EMULATOR_PORT: String(ports[1]), FEDEX_EMULATOR_PORT: String(ports[2]) },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const env: Record<string, string> = {};
    await new Promise<void>((resolve, reject) => {
      let text = '';
      child.once('exit', (code) => reject(new Error(`emulators exited with ${code}`)));
      child.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        for (const m of text.matchAll(/^export (\w+)=(.*)$/gm)) env[m[1]] = m[2];
        if (text.includes('npm start')) resolve();
      });
    });
    return new EmulatorProcess(child, env);
  }

  async stop(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    this.child.kill('SIGTERM');
    await exited;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function recorded(baseUrl: string): Promise<RecordedRequest[]> {
  const res = await fetch(`${baseUrl}/__emulator/requests`);
  return ((await res.json()) as { requests: RecordedRequest[] }).requests;
}

async function forget(baseUrl: string): Promise<void> {
  await fetch(`${baseUrl}/__emulator/requests`, { method: 'DELETE' });
}

/** The same request as the adapter sent, over plain node:http, with the body read and parsed. */
function rawRoundTrip(baseUrl: string, req: RecordedRequest, agent: http.Agent): Promise<void> {
  const url = new URL(req.path + (Object.keys(req.query).length ? `?${new URLSearchParams(req.query)}` : ''), baseUrl);
  const body = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined && !['content-length', 'host', 'connection'].includes(k)) headers[k] = v;
  return new Promise((resolve, reject) => {
    const r = http.request(url, { method: req.method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        if ((res.statusCode ?? 0) >= 300) return reject(new Error(`raw ${req.operation}: HTTP ${res.statusCode}`));
        JSON.parse(Buffer.concat(chunks).toString('utf8'));
        resolve();
      });
    });
    r.on('error', reject);
    if (body !== undefined) r.end(body);
    else r.end();
  });
}

function summary(values: number[]): { p50: number; p99: number; mean: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: round(at(0.5)), p99: round(at(0.99)), mean: round(values.reduce((s, v) => s + v, 0) / values.length) };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
