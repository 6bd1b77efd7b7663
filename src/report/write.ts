/**
 * Reads a migration folder and writes `<dir>/report.html` atomically. Missing or unreadable files are
 * tolerated: a run stopped before its results still gets a report of what exists, and says so.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { assess } from '../assess/assess.js';
import type { Assessment } from '../assess/model.js';
import type { Catalog } from '../catalog/model.js';
import { writeFileAtomic } from '../io/atomic-write.js';
import type { MigrationResults } from '../orchestrator/results.js';
import type { MigrationState } from '../orchestrator/state.js';
import type { MigrationPlan } from '../plan/model.js';
import type { MigrationReportInput } from './model.js';
import { renderMigrationReport } from './render.js';

export const REPORT_FILE = 'report.html';

/** The files of a migration folder, by what they hold. */
export const RUN_FILES = {
  catalog: 'metadata.json',
  plan: 'migration_plan.json',
  state: 'migration_state.json',
  results: 'migration_results.json',
} as const;

/** Generated files bigger than this are shown cut (a report must stay openable). */
const MAX_GENERATED_BYTES = 2 * 1024 * 1024;

export interface MigrationReportOutcome {
  /** Absolute path of report.html. */
  readonly file: string;
  /** False when the folder holds none of the migration files (nothing is written then). */
  readonly written: boolean;
  /** The run files that were found and read (`metadata.json`, …). */
  readonly found: readonly string[];
  /** Run files absent or unreadable, with the reason. */
  readonly missing: readonly string[];
  readonly models: number;
}

type Check<T> = (data: unknown) => data is T;

const hasVersion = (d: unknown): d is { formatVersion: number } => typeof d === 'object' && d !== null && (d as { formatVersion?: unknown }).formatVersion === 1;
const isCatalog: Check<Catalog> = (d): d is Catalog => hasVersion(d) && Array.isArray((d as Partial<Catalog>).tables) && Array.isArray((d as Partial<Catalog>).views);
const isPlan: Check<MigrationPlan> = (d): d is MigrationPlan => hasVersion(d) && Array.isArray((d as Partial<MigrationPlan>).nodes);
const isState: Check<MigrationState> = (d): d is MigrationState => hasVersion(d) && Array.isArray((d as Partial<MigrationState>).models) && Array.isArray((d as Partial<MigrationState>).phases);
const isResults: Check<MigrationResults> = (d): d is MigrationResults => hasVersion(d) && Array.isArray((d as Partial<MigrationResults>).models) && typeof (d as Partial<MigrationResults>).summary === 'object';

/** A reader of generated files that never leaves `root` (a plan path is data, not trusted). */
function projectReader(root: string): (relPath: string) => string | undefined {
  return (relPath) => {
    try {
      const realRoot = realpathSync(root);
      const file = path.resolve(realRoot, relPath);
      const real = realpathSync(file);
      if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return undefined;
      const st = statSync(real);
      if (!st.isFile()) return undefined;
      const text = readFileSync(real, 'utf8');
      return text.length > MAX_GENERATED_BYTES ? `${text.slice(0, MAX_GENERATED_BYTES)}\n-- … cut by the report: the file is larger than ${MAX_GENERATED_BYTES} bytes` : text;
    } catch {
      return undefined;
    }
  };
}

/** Reads what a migration folder holds into the renderer's input (no assessment yet). */
export function readMigrationFolder(outDir: string): { input: MigrationReportInput; found: string[]; missing: string[] } {
  const found: string[] = [];
  const missing: string[] = [];
  const notices: string[] = [];
  const read = <T>(name: string, check: Check<T>): T | undefined => {
    const file = path.join(outDir, name);
    if (!existsSync(file)) {
      missing.push(`${name}: not found`);
      return undefined;
    }
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      const why = `${name}: unreadable (${e instanceof Error ? e.message : String(e)})`;
      missing.push(why);
      notices.push(`${why}; shown without it.`);
      return undefined;
    }
    if (!check(data)) {
      missing.push(`${name}: not a format-1 file of mssql2dbt`);
      notices.push(`${name} is not a format-1 file of mssql2dbt; shown without it.`);
      return undefined;
    }
    found.push(name);
    return data;
  };
  const catalog = read(RUN_FILES.catalog, isCatalog);
  const plan = read(RUN_FILES.plan, isPlan);
  const state = read(RUN_FILES.state, isState);
  const results = read(RUN_FILES.results, isResults);
  const input: MigrationReportInput = {
    ...(catalog ? { catalog } : {}), ...(plan ? { plan } : {}), ...(state ? { state } : {}), ...(results ? { results } : {}),
    readFile: projectReader(outDir), notices,
  };
  return { input, found, missing };
}

/**
 * Regenerates `<outDir>/report.html` from the files in `outDir`. Synchronous, never throws for
 * missing or damaged run files (they are reported in the page and in `missing`); throws only when
 * the folder itself cannot be read or the report cannot be written.
 */
export function writeMigrationReport(outDir: string): MigrationReportOutcome {
  const dir = path.resolve(outDir);
  const file = path.join(dir, REPORT_FILE);
  const { input, found, missing } = readMigrationFolder(dir);
  if (found.length === 0) return { file, written: false, found, missing, models: 0 };
  let assessment: Assessment | undefined;
  const notices = [...(input.notices ?? [])];
  if (input.catalog) {
    try {
      assessment = assess(input.catalog);
    } catch (e) {
      // A catalog the assessment cannot digest must not cost the user the rest of the report.
      notices.push(`The assessment could not be computed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const html = renderMigrationReport({ ...input, notices, ...(assessment ? { assessment } : {}) });
  writeFileAtomic(file, html);
  const models = input.plan?.nodes.length ?? input.results?.models.length ?? input.state?.models.length ?? 0;
  return { file, written: true, found, missing, models };
}
