import type { DataFileProblem } from '../platform/data-files/data-file-problem';
import type { CarrierDefinition } from './carrier-definition';

/**
 * How carrier definitions of one adapter are read: the JSON Schema of its `carrier.yaml` and an
 * optional step that loads and checks the tables the YAML refers to (CSV files in the same folder).
 */
export interface CarrierKind {
  adapter: string;
  schema: object;
  loadTables?(definition: CarrierDefinition, baseDir: string): Promise<{ tables: Record<string, unknown>; problems: DataFileProblem[] }>;
}
