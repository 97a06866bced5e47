import { promises as fs } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

export interface ProfileSummary {
  totalMs: number;
  /** Self time by function, largest first. */
  selfByFunction: { name: string; ms: number; share: number }[];
  /** Self time by where the code lives (`src/rating`, `node_modules/class-validator`, `(gc)`, ...). */
  selfByOrigin: { origin: string; ms: number; share: number }[];
  /** Time spent in a function and everything it called, for the service's own code only. */
  inclusiveOwnCode: { name: string; ms: number; share: number }[];
}

/** Where a script lives, short: `src/rating`, `node_modules/fastify`, `node:internal`, or a V8 marker. */
export function originOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = file.slice(nm + '/node_modules/'.length).split('/');
    return `node_modules/${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (file.startsWith('node:')) return file.split('/')[0];
  const src = file.indexOf('/dist/src/');
  if (src >= 0) return `src/${file.slice(src + '/dist/src/'.length).split('/')[0].replace(/\.js$/, '')}`;
  return path.basename(file);
}

function label(node: ProfileNode): string {
  const f = node.callFrame;
  const name = f.functionName || '(anonymous)';
  if (!f.url) return name;
  const file = f.url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  const short = nm >= 0 ? file.slice(nm + 1) : file.includes('/dist/') ? file.slice(file.indexOf('/dist/') + 6) : file;
  return `${name} ${short}:${f.lineNumber + 1}`;
}

/** Self and inclusive times from a V8 `.cpuprofile` (as written by `--cpu-prof` or the inspector). */
export function summariseProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the time before sample i; attribute the following interval to it.
    const dt = deltas[i + 1] ?? 0;
    selfUs.set(samples[i], (selfUs.get(samples[i]) ?? 0) + Math.max(0, dt));
  }
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0) || 1;
  const fnSelf = new Map<string, number>();
  const originSelf = new Map<string, number>();
  const ownInclusive = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const name = label(node);
    fnSelf.set(name, (fnSelf.get(name) ?? 0) + us);
    const origin = originOf(node.callFrame.url, node.callFrame.functionName);
    originSelf.set(origin, (originSelf.get(origin) ?? 0) + us);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur)!;
      if (!n.callFrame.url.includes('/dist/src/')) continue;
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      ownInclusive.set(l, (ownInclusive.get(l) ?? 0) + us);
    }
  }
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => ({ k, ms: us / 1000, share: us / total }));
  return {
    totalMs: total / 1000,
    selfByFunction: rank(fnSelf).map(({ k, ms, share }) => ({ name: k, ms, share })),
    selfByOrigin: rank(originSelf).map(({ k, ms, share }) => ({ origin: k, ms, share })),
    inclusiveOwnCode: rank(ownInclusive).map(({ k, ms, share }) => ({ name: k, ms, share })),
  };
}

/** Human-readable lines of a summary, for the console and the JSON file. */
export function profileLines(s: ProfileSummary, top = 10): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(1).padStart(5)}%`;
  return [
    `sampled ${s.totalMs.toFixed(0)} ms of CPU`,
    'self time by origin:',
    ...s.selfByOrigin.slice(0, top).map((o) => `  ${pct(o.share)}  ${o.origin}`),
    'self time by function:',
    ...s.selfByFunction.slice(0, top).map((f) => `  ${pct(f.share)}  ${f.name}`),
    'inclusive time, service code:',
    ...s.inclusiveOwnCode.slice(0, top).map((f) => `  ${pct(f.share)}  ${f.name}`),
  ];
}

export async function summariseProfileFile(file: string, top = 15): Promise<ProfileSummary> {
  return summariseProfile(JSON.parse(await fs.readFile(file, 'utf8')) as CpuProfile, top);
}
