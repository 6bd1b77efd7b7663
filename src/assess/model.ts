/**
 * The assessment (`assessment.json`, `formatVersion: 1`): what the estate holds, how hard each
 * object is, what it costs, what to do with it and in which order to move it.
 * `schemas/assessment.schema.json` mirrors these types; change both together.
 * Plain data only (JSON-serialisable).
 */
import type { Diagnostic } from '../diagnostics/index.js';
import type { CatalogSource, ObjectKind, SourceLocation } from '../catalog/model.js';

export const ASSESSMENT_FORMAT_VERSION = 1 as const;

export type Level = 'low' | 'medium' | 'high' | 'very high';
export const LEVELS: readonly Level[] = ['low', 'medium', 'high', 'very high'];

export type Disposition = 'migrate' | 'migrate with review' | 'manual' | 'retire';
export const DISPOSITIONS: readonly Disposition[] = ['migrate', 'migrate with review', 'manual', 'retire'];

/** What was counted in an object's definition (AST) and its place in the graph. */
export interface ComplexityMetrics {
  readonly statements: number;
  readonly joins: number;
  readonly subqueries: number;
  /** Deepest nesting of control flow (IF/WHILE/TRY) and subqueries, 0 for a flat body. */
  readonly nestingDepth: number;
  readonly tempTables: number;
  readonly tableVariables: number;
  readonly cursors: number;
  readonly loops: number;
  readonly dynamicSql: boolean;
  /** Dynamic SQL built at run time: the objects it touches are unknown. */
  readonly dynamicSqlOpaque: boolean;
  readonly transactions: boolean;
  readonly errorHandling: boolean;
  readonly xmlJson: boolean;
  readonly merge: boolean;
  readonly setRowcount: boolean;
  /** UPDATE and INSERT on the same table with validity-period columns (slowly changing dimension). */
  readonly scd: boolean;
  /** Objects that depend on this one / objects this one depends on (distinct, resolved, internal). */
  readonly fanIn: number;
  readonly fanOut: number;
  /** Translator findings on the definition (errors: cannot translate; warnings: approximate); absent when not run. */
  readonly translatorErrors?: number;
  readonly translatorWarnings?: number;
}

export interface ComplexityPart {
  /** The metric name, e.g. `joins`. */
  readonly factor: string;
  readonly points: number;
}

export interface AssessedObject {
  /** `kind:schema.name`, unique in the assessment. */
  readonly id: string;
  readonly kind: ObjectKind;
  /** Finer kind: function kind (`inline-table` …), `ddl` for database triggers. */
  readonly subkind?: string;
  readonly schema: string;
  readonly name: string;
  readonly location: SourceLocation;
  readonly lines: number;
  readonly metrics: ComplexityMetrics;
  readonly score: number;
  readonly level: Level;
  /** The points behind the score, largest first. */
  readonly scoreParts: readonly ComplexityPart[];
  readonly effortHours: number;
  readonly disposition: Disposition;
  readonly reasons: readonly string[];
  /** Expected to convert without hand work (disposition migrate, no translator errors). */
  readonly automatic: boolean;
  /** 1-based wave; absent for retired objects. */
  readonly wave?: number;
  /** Ids of objects this one depends on. */
  readonly dependsOn: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface Wave {
  readonly number: number;
  readonly objects: readonly string[];
  readonly effortHours: number;
}

export interface ExternalReference {
  readonly from: string;
  readonly target: string;
  readonly database?: string;
  readonly server?: string;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: string;
}

export interface Breakdown {
  readonly objects: number;
  readonly effortHours: number;
  readonly averageScore: number;
  readonly byLevel: Readonly<Record<Level, number>>;
}

export interface AssessmentSummary {
  readonly objects: number;
  readonly byKind: Readonly<Record<string, Breakdown>>;
  readonly bySchema: Readonly<Record<string, Breakdown>>;
  readonly byLevel: Readonly<Record<Level, number>>;
  readonly byDisposition: Readonly<Record<Disposition, number>>;
  readonly effortHours: number;
  /** Share (0–1) of the objects that are not retired and are expected to convert automatically. */
  readonly automaticShare: number;
  /** Share (0–1) of the effort of objects not retired that falls on automatic objects. */
  readonly automaticEffortShare: number;
  readonly waves: number;
  readonly cycles: number;
  readonly externalReferences: number;
}

export interface Assessment {
  readonly formatVersion: typeof ASSESSMENT_FORMAT_VERSION;
  readonly sources: readonly CatalogSource[];
  /** The options used, defaults filled in: the model's assumptions, stated. */
  readonly assumptions: AssessOptionsResolved;
  readonly summary: AssessmentSummary;
  readonly objects: readonly AssessedObject[];
  readonly edges: readonly GraphEdge[];
  /** Groups of object ids that depend on each other (strongly connected, size > 1). */
  readonly cycles: readonly (readonly string[])[];
  readonly externalReferences: readonly ExternalReference[];
  /** References no input declares (kept so nothing is silently dropped). */
  readonly unresolvedReferences: readonly ExternalReference[];
  readonly waves: readonly Wave[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Effort model: hours = base hours of the kind × the level's multiplier + per-finding hours. */
export interface AssessOptionsResolved {
  /** Hours to migrate a low-complexity object of each kind. */
  readonly baseHours: Readonly<Record<ObjectKind, number>>;
  readonly levelMultiplier: Readonly<Record<Level, number>>;
  /** Added per translator error (a construct with no translation). */
  readonly hoursPerTranslatorError: number;
  /** Review and sign-off of a retirement. */
  readonly retireHours: number;
  /** Multiplier on the hours of `manual` objects (rewrite, not conversion). */
  readonly manualFactor: number;
  /** Lower bounds of the levels on the 0–100 score. */
  readonly levelThresholds: { readonly medium: number; readonly high: number; readonly veryHigh: number };
  /** Translate definitions with this target to count translator diagnostics; `false` skips it. */
  readonly translateTarget: string | false;
}

export type AssessOptions = Partial<Omit<AssessOptionsResolved, 'baseHours' | 'levelMultiplier'>> & {
  readonly baseHours?: Partial<Record<ObjectKind, number>>;
  readonly levelMultiplier?: Partial<Record<Level, number>>;
};

export const DEFAULT_OPTIONS: AssessOptionsResolved = {
  baseHours: { table: 0.5, view: 1, function: 2, procedure: 3, trigger: 3, sequence: 0.25, type: 0.25, synonym: 0.25 },
  levelMultiplier: { low: 1, medium: 2, high: 4, 'very high': 8 },
  hoursPerTranslatorError: 0.5,
  retireHours: 0.25,
  manualFactor: 1.5,
  levelThresholds: { medium: 15, high: 35, veryHigh: 65 },
  translateTarget: 'duckdb',
};

export function resolveOptions(o: AssessOptions = {}): AssessOptionsResolved {
  return {
    ...DEFAULT_OPTIONS,
    ...o,
    baseHours: { ...DEFAULT_OPTIONS.baseHours, ...(o.baseHours ?? {}) },
    levelMultiplier: { ...DEFAULT_OPTIONS.levelMultiplier, ...(o.levelMultiplier ?? {}) },
    levelThresholds: { ...DEFAULT_OPTIONS.levelThresholds, ...(o.levelThresholds ?? {}) },
  };
}
