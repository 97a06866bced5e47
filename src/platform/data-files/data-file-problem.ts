/** One thing wrong with a data file, located as precisely as the format allows. */
export interface DataFileProblem {
  file: string;
  line?: number;
  field?: string;
  message: string;
}

export function formatProblem(p: DataFileProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}` : p.file;
  return `${where}${p.field ? ` ${p.field}` : ''}: ${p.message}`;
}

/** Thrown at boot when any data file is invalid; lists every problem found, not just the first. */
export class DataFileError extends Error {
  constructor(readonly problems: DataFileProblem[]) {
    super(
      `${problems.length} problem${problems.length === 1 ? '' : 's'} in data files:\n` +
        problems.map((p) => `  - ${formatProblem(p)}`).join('\n'),
    );
    this.name = 'DataFileError';
  }
}

/** Collects problems across many files, then throws once. */
export class ProblemCollector {
  readonly problems: DataFileProblem[] = [];

  add(p: DataFileProblem): void {
    this.problems.push(p);
  }

  addAll(ps: DataFileProblem[]): void {
    this.problems.push(...ps);
  }

  throwIfAny(): void {
    if (this.problems.length > 0) throw new DataFileError(this.problems);
  }
}
