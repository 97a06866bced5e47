import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchReport, RatioFigure } from './bench-report';
import type { InstanceRun, InstanceSettings, SuiteOptions } from './bench-suite';
import { healthFloorScenario } from './health-floor.scenario';

/** One thing a phase does: measure a scenario, seed, or take a ratio. */
export interface PlanStep {
  /** Id used by `--only` / `--skip` (scenario id or growth id). */
  id: string;
  /** Runs whenever another step of its phase runs (seeding that later steps need). */
  always?: boolean;
  run(run: InstanceRun): Promise<void>;
}

/** One service instance with its own settings (carriers folder, tariffs folder) and its steps. */
export interface PhasePlan extends InstanceSettings {
  id: string;
  title: string;
  steps: PlanStep[];
}

export interface SuitePlan {
  phases: PhasePlan[];
  /** Derives ratios and sizing from the measured figures once every phase has run. */
  finish(report: BenchReport): void;
  cleanup(): Promise<void>;
}

/** A ratio of two figures of the report (by scenario id), when both exist. */
export function ratioOf(
  report: BenchReport,
  spec: Omit<RatioFigure, 'numerator' | 'denominator' | 'ratio'> & {
    numerator: { label: string; value: number | undefined };
    denominator: { label: string; value: number | undefined };
  },
): void {
  const n = spec.numerator.value;
  const d = spec.denominator.value;
  if (n === undefined || d === undefined || !Number.isFinite(n) || !Number.isFinite(d) || d === 0) return;
  report.ratios.push({
    ...spec,
    numerator: { label: spec.numerator.label, value: n },
    denominator: { label: spec.denominator.label, value: d },
    ratio: n / d,
  });
}

/**
 * The whole run, in order. Every figure that is compared with another is measured in the same run,
 * on the same machine, with the same warm-up, so that the ratios hold on a noisy shared machine.
 */
export async function buildPlan(options: SuiteOptions, runDir: string): Promise<SuitePlan> {
  const root = options.root;
  const carriersDir = path.join(root, 'carriers');
  const tariffsDir = path.join(root, 'tariffs');
  const temp = await fs.mkdtemp(path.join(os.tmpdir(), 'parcelwise-bench-'));
  void runDir;

  const main: PhasePlan = {
    id: 'main',
    title: 'the service with the real carriers/ and tariffs/',
    env: { PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000000' },
    carriersDir,
    tariffsDir,
    steps: [{ id: 'floor', run: async (run) => void (await run.measure(healthFloorScenario)) }],
  };

  return {
    phases: [main],
    finish(report) {
      const floor = report.scenarios.find((s) => s.id === 'floor');
      if (floor) report.sizing.floorRequestsPerSecond = Math.round(floor.rps);
    },
    cleanup: () => fs.rm(temp, { recursive: true, force: true }),
  };
}
