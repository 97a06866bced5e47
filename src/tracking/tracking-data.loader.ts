import { IANAZone } from 'luxon';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../platform/config/app-config';
import { DataFileError, type DataFileProblem } from '../platform/data-files/data-file-problem';
import { loadCsvFile } from '../platform/data-files/csv-file';
import { EventCodeTable, EventCodeTables, type EventCodeRow } from './domain/event-code-table';
import { TimeZoneTable, type TimeZoneRow } from './domain/time-zone-table';
import { defaultActionRequired, normaliseSubstatus, TRACKING_REASONS, TRACKING_STATUSES, type TrackingStatus } from './domain/tracking-status';

/** Data files the tracking rooms read at boot. */
export interface TrackingData {
  timeZones: TimeZoneTable;
  eventCodes: EventCodeTables;
}

const TIME_ZONE_ROW = {
  type: 'object',
  additionalProperties: false,
  required: ['country', 'zone'],
  properties: {
    country: { type: 'string', pattern: '^[A-Z]{2}$' },
    zone: { type: 'string', minLength: 3 },
    regions: { type: 'string', pattern: '^[A-Z0-9]{1,3}(;[A-Z0-9]{1,3})*$' },
    cities: { type: 'string' },
  },
};

/**
 * `carriers/<id>/events.csv`: one carrier code per row mapped to the unified model. `substatus` may be
 * written short (`duties_due`) or full (`customs.duties_due`); `actionRequired` defaults from the substatus.
 */
const EVENT_CODE_ROW = {
  type: 'object',
  additionalProperties: false,
  required: ['code', 'status'],
  properties: {
    code: { type: 'string', minLength: 1, maxLength: 64 },
    status: { enum: [...TRACKING_STATUSES] },
    substatus: { type: 'string', maxLength: 60 },
    reason: { enum: [...TRACKING_REASONS] },
    actionRequired: { enum: ['true', 'false', 'yes', 'no'] },
    description: { type: 'string', maxLength: 200 },
  },
};

export async function loadTrackingData(config: AppConfig, baseDir = process.cwd()): Promise<TrackingData> {
  const problems: DataFileProblem[] = [];
  const timeZones = await loadTimeZones(path.join(config.tariffsDir, 'reference', 'time-zones.csv'), baseDir, problems);
  const eventCodes = await loadEventCodeTables(path.resolve(config.TRACKING_EVENT_CODES_DIR ?? config.CARRIERS_DIR), baseDir, problems);
  if (problems.length) throw new DataFileError(problems);
  return { timeZones, eventCodes };
}

async function loadTimeZones(file: string, baseDir: string, problems: DataFileProblem[]): Promise<TimeZoneTable> {
  const csv = await loadCsvFile<{ country: string; zone: string; regions?: string; cities?: string }>(file, TIME_ZONE_ROW, baseDir);
  problems.push(...csv.problems);
  const rows: TimeZoneRow[] = [];
  for (const { line, record } of csv.rows) {
    if (!IANAZone.isValidZone(record.zone)) {
      problems.push({ file: path.relative(baseDir, file), line, field: 'zone', message: `"${record.zone}" is not an IANA time zone known to this runtime` });
      continue;
    }
    rows.push({
      country: record.country,
      zone: record.zone,
      regions: record.regions ? record.regions.split(';') : [],
      cities: record.cities ? record.cities.split(';').map((c) => c.trim()).filter(Boolean) : [],
    });
  }
  return new TimeZoneTable(rows);
}

/** Reads `events.csv` from every carrier folder that has one; folders starting with `_` or `.` are skipped. */
export async function loadEventCodeTables(dir: string, baseDir: string, problems: DataFileProblem[]): Promise<EventCodeTables> {
  let folders: string[] = [];
  try {
    folders = (await fs.readdir(dir, { withFileTypes: true }))
      .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
      .map((d) => d.name)
      .sort();
  } catch {
    return new EventCodeTables([]);
  }
  const tables: EventCodeTable[] = [];
  for (const carrier of folders) {
    const file = path.join(dir, carrier, 'events.csv');
    try {
      await fs.access(file);
    } catch {
      continue;
    }
    const rel = path.relative(baseDir, file);
    const csv = await loadCsvFile<Record<string, string>>(file, EVENT_CODE_ROW, baseDir);
    problems.push(...csv.problems);
    if (!csv.headerComments.some((c) => /source/i.test(c))) {
      problems.push({ file: rel, line: 1, message: 'the file must say where its codes come from in a "# Source: ..." comment line' });
    }
    const rows: EventCodeRow[] = [];
    const seen = new Map<string, number>();
    for (const { line, record } of csv.rows) {
      const status = record.status as TrackingStatus;
      const substatus = normaliseSubstatus(status, record.substatus);
      if (record.substatus && !substatus) {
        problems.push({ file: rel, line, field: 'substatus', message: `"${record.substatus}" is not a substatus of ${status}` });
        continue;
      }
      const key = record.code.toUpperCase();
      if (seen.has(key)) {
        problems.push({ file: rel, line, field: 'code', message: `duplicate code "${record.code}" (first on line ${seen.get(key)})` });
        continue;
      }
      seen.set(key, line);
      rows.push({
        code: record.code,
        status,
        substatus,
        reason: record.reason as EventCodeRow['reason'],
        actionRequired: record.actionRequired ? ['true', 'yes'].includes(record.actionRequired) : defaultActionRequired(substatus),
        description: record.description,
      });
    }
    tables.push(new EventCodeTable(carrier, rows, csv.headerComments));
  }
  return new EventCodeTables(tables);
}
