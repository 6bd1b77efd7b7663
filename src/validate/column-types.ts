/**
 * Column types as the engines report them, parsed into a small neutral shape, and the rule that
 * decides how a source column and a target column are compared (`unify`).
 */
import type { Engine, SchemaDifference } from './types.js';

export type BaseKind = 'int' | 'decimal' | 'money' | 'float' | 'real' | 'bool' | 'string' | 'char' | 'date' | 'timestamp' | 'datetime300' | 'timestamptz' | 'time' | 'binary' | 'uuid' | 'other';

export interface ColumnType {
  readonly kind: BaseKind;
  /** The type as the engine printed it. */
  readonly raw: string;
  readonly precision?: number;
  readonly scale?: number;
  /** Characters (strings) or bytes (binary); undefined = unbounded. */
  readonly length?: number;
  /** Fractional-second digits of timestamps and times. */
  readonly fraction?: number;
  /**
   * The fraction is the engine's only one, not declared by the column (DuckDB TIMESTAMP and TIME
   * always keep microseconds): a narrower type on the other side then says nothing about the data.
   */
  readonly implicitFraction?: boolean;
}

export interface ColumnInfo {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
}

/** How one column pair is canonicalised; the same rule produces SQL on both engines. */
export type CompareRule =
  | { readonly kind: 'int' }
  /** precision: enough integer digits for both sides (18 or less lets DuckDB use 64-bit decimals). */
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'float'; readonly digits: number; readonly tolerance: number }
  | { readonly kind: 'bool' }
  | { readonly kind: 'string'; readonly rtrim: boolean; readonly lower: boolean }
  | { readonly kind: 'date' }
  | { readonly kind: 'timestamp'; readonly fraction: number; readonly datetime300: boolean }
  /** An instant (timestamptz, datetimeoffset): compared in UTC, the offset it was written with is not data. */
  | { readonly kind: 'timestamptz'; readonly fraction: number }
  | { readonly kind: 'time'; readonly fraction: number }
  | { readonly kind: 'binary' }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'text' };

const num = (s: string | undefined): number | undefined => (s === undefined || s === '' ? undefined : Number(s));

/** Parse a type name printed by DuckDB, PostgreSQL (format_type) or SQL Server. */
export function parseType(raw: string, engine: Engine): ColumnType {
  const t = raw.trim().toLowerCase();
  const m = /^([a-z_][a-z0-9_ ]*?)\s*(?:\(\s*(\d+|max)\s*(?:,\s*(\d+)\s*)?\))?(\s+(?:with|without) time zone)?$/.exec(t);
  const name = (m?.[1] ?? t).trim();
  const a = m?.[2] === 'max' ? undefined : num(m?.[2]);
  const b = num(m?.[3]);
  const tz = m?.[4] !== undefined && m[4].includes('with time zone') && !m[4].includes('without');
  switch (name) {
    case 'tinyint': case 'smallint': case 'int': case 'integer': case 'bigint': case 'hugeint': case 'int2': case 'int4': case 'int8':
    case 'utinyint': case 'usmallint': case 'uinteger': case 'ubigint': case 'uhugeint':
      return { kind: 'int', raw };
    case 'decimal': case 'numeric':
      if (a === undefined && engine === 'postgres') return { kind: 'decimal', raw };
      return { kind: 'decimal', raw, precision: a ?? 18, scale: b ?? (engine === 'duckdb' && a === undefined ? 3 : 0) };
    case 'money': return { kind: 'money', raw, precision: 19, scale: 4 };
    case 'smallmoney': return { kind: 'money', raw, precision: 10, scale: 4 };
    case 'float':
      // DuckDB's FLOAT is its 4-byte REAL (FLOAT4); SQL Server's float(n ≤ 24) too.
      if (engine === 'duckdb') return { kind: 'real', raw };
      return engine === 'mssql' && a !== undefined && a <= 24 ? { kind: 'real', raw } : { kind: 'float', raw };
    case 'double': case 'double precision': case 'float8':
      return { kind: 'float', raw };
    case 'real': case 'float4': return { kind: 'real', raw };
    case 'bit': return engine === 'mssql' ? { kind: 'bool', raw } : { kind: 'other', raw };
    case 'boolean': case 'bool': return { kind: 'bool', raw };
    case 'varchar': case 'nvarchar': case 'character varying': case 'text': case 'ntext': case 'string': case 'sysname':
      return { kind: 'string', raw, ...(a !== undefined ? { length: a } : {}) };
    case 'char': case 'nchar': case 'character': case 'bpchar':
      return { kind: 'char', raw, length: a ?? 1 };
    case 'date': return { kind: 'date', raw };
    case 'datetime':
      return engine === 'mssql' ? { kind: 'datetime300', raw, fraction: 3 } : { kind: 'timestamp', raw, fraction: 6 };
    case 'smalldatetime': return { kind: 'timestamp', raw, fraction: 0 };
    case 'datetime2': return { kind: 'timestamp', raw, fraction: a ?? 7 };
    case 'timestamp': case 'timestamp_us':
      if (engine === 'mssql') return { kind: 'binary', raw, length: 8 }; // rowversion
      if (tz) return engine === 'postgres' ? { kind: 'timestamptz', raw, fraction: a ?? 6 } : { kind: 'timestamptz', raw, fraction: 6, implicitFraction: true };
      return engine === 'postgres' ? { kind: 'timestamp', raw, fraction: a ?? 6 } : { kind: 'timestamp', raw, fraction: 6, implicitFraction: true };
    case 'timestamptz': return engine === 'postgres' ? { kind: 'timestamptz', raw, fraction: a ?? 6 } : { kind: 'timestamptz', raw, fraction: 6, implicitFraction: true };
    case 'datetimeoffset': return { kind: 'timestamptz', raw, fraction: a ?? 7 };
    case 'timestamp_ms': return { kind: 'timestamp', raw, fraction: 3 };
    case 'timestamp_s': return { kind: 'timestamp', raw, fraction: 0 };
    case 'timestamp_ns': return { kind: 'timestamp', raw, fraction: 9 };
    case 'time':
      if (tz) return { kind: 'other', raw };
      return engine === 'duckdb' ? { kind: 'time', raw, fraction: 6, implicitFraction: true } : { kind: 'time', raw, fraction: engine === 'mssql' ? (a ?? 7) : (a ?? 6) };
    case 'blob': case 'bytea': case 'varbinary': case 'binary': case 'image': case 'bytes':
      return { kind: 'binary', raw, ...(a !== undefined ? { length: a } : {}) };
    case 'uuid': case 'uniqueidentifier': return { kind: 'uuid', raw };
    default: return { kind: 'other', raw };
  }
}

const NUMERIC = new Set<BaseKind>(['int', 'decimal', 'money']);
const FLOATS = new Set<BaseKind>(['float', 'real']);
const STRINGS = new Set<BaseKind>(['string', 'char']);
const TIMESTAMPS = new Set<BaseKind>(['timestamp', 'datetime300']);

function scaleOf(t: ColumnType): number {
  if (t.kind === 'int') return 0;
  return t.scale ?? 6;
}

/**
 * Fractional-second digits to compare timestamps or times at, and the precision difference.
 * Declared precisions: a narrower target is a blocking difference and both sides are rounded to
 * the smaller one. A source whose precision is implicit (DuckDB TIMESTAMP: always microseconds, it
 * cannot declare fewer) is compared at its own precision instead, and the narrower target is not
 * blocking: only the data can say whether digits were lost, and lost digits show as changed rows
 * (a DuckDB copy of SQL Server `datetime` in PostgreSQL `timestamp(3)` is equal, not a mismatch).
 */
function fractionRule(a: ColumnType, b: ColumnType, d: SchemaDifference[]): number {
  const fa = a.fraction ?? 6;
  const fb = b.fraction ?? 6;
  if (fb < fa) d.push({ kind: 'precision', detail: `fractional seconds ${fa} → ${fb}`, blocking: !a.implicitFraction });
  return a.implicitFraction ? Math.min(fa, 6) : Math.min(fa, fb, 6);
}

export interface RuleOptions {
  readonly tolerance: number;
  readonly collation: 'cs' | 'ci';
}

/** Decimal places of the float mantissa such that a rounding step is at most the tolerance. */
export function floatDigits(tolerance: number): number {
  if (!(tolerance > 0)) return 15;
  return Math.max(1, Math.min(15, Math.ceil(-Math.log10(tolerance))));
}

/**
 * The comparison rule for a column pair and the schema differences between the two types.
 * Types of different families are compared as text (and reported as a blocking type change).
 */
export function unify(s: ColumnInfo, t: ColumnInfo, opts: RuleOptions): { rule: CompareRule; differences: SchemaDifference[] } {
  const a = s.type;
  const b = t.type;
  const d: SchemaDifference[] = [];
  let rule: CompareRule;
  const sameFamily = (set: Set<BaseKind>): boolean => set.has(a.kind) && set.has(b.kind);
  if (a.kind === 'int' && b.kind === 'int') rule = { kind: 'int' };
  else if (sameFamily(NUMERIC)) {
    const sa = scaleOf(a);
    const sb = scaleOf(b);
    if (sb < sa) d.push({ kind: 'scale', detail: `scale ${sa} → ${sb}`, blocking: true });
    else if (sb > sa) d.push({ kind: 'scale', detail: `scale ${sa} → ${sb}`, blocking: false });
    const pa = a.kind === 'int' ? undefined : a.precision;
    const pb = b.kind === 'int' ? undefined : b.precision;
    if (pa !== undefined && pb !== undefined && pb - sb < pa - sa) d.push({ kind: 'precision', detail: `precision ${pa} → ${pb}`, blocking: true });
    if (a.kind === 'decimal' && b.kind === 'int' && sa > 0) d.push({ kind: 'type', detail: `${a.raw} → ${b.raw}`, blocking: true });
    const scale = Math.min(Math.max(sa, sb), 18);
    const intDigits = (t: ColumnType): number => (t.kind === 'int' ? 39 : (t.precision ?? 38) - (t.scale ?? 0));
    const precision = Math.min(38, Math.max(intDigits(a), intDigits(b)) + scale);
    rule = { kind: 'decimal', precision, scale };
  } else if (sameFamily(FLOATS) || (FLOATS.has(a.kind) && NUMERIC.has(b.kind)) || (NUMERIC.has(a.kind) && FLOATS.has(b.kind))) {
    const anyReal = a.kind === 'real' || b.kind === 'real';
    if (a.kind !== b.kind && !(FLOATS.has(a.kind) && FLOATS.has(b.kind) && b.kind === 'float')) {
      d.push({ kind: a.kind === 'float' && b.kind === 'real' ? 'precision' : 'type', detail: `${a.raw} → ${b.raw}`, blocking: true });
    }
    const tolerance = anyReal ? Math.max(opts.tolerance, 1e-6) : opts.tolerance;
    rule = { kind: 'float', digits: floatDigits(tolerance), tolerance };
  } else if (a.kind === 'bool' && (b.kind === 'bool' || b.kind === 'int')) {
    if (b.kind === 'int') d.push({ kind: 'type', detail: `${a.raw} → ${b.raw}`, blocking: false });
    rule = { kind: 'bool' };
  } else if (sameFamily(STRINGS)) {
    if (a.length !== undefined && b.length !== undefined && b.length < a.length) d.push({ kind: 'length', detail: `length ${a.length} → ${b.length}`, blocking: true });
    if (a.length === undefined && b.length !== undefined) d.push({ kind: 'length', detail: `unbounded → ${b.length}`, blocking: false });
    const ci = opts.collation === 'ci';
    rule = { kind: 'string', rtrim: ci || a.kind === 'char' || b.kind === 'char', lower: ci };
  } else if (a.kind === 'date' && b.kind === 'date') rule = { kind: 'date' };
  else if (sameFamily(TIMESTAMPS)) {
    const fraction = fractionRule(a, b, d);
    rule = { kind: 'timestamp', fraction, datetime300: (a.kind === 'datetime300' || b.kind === 'datetime300') && fraction >= 3 };
  } else if (a.kind === 'timestamptz' && b.kind === 'timestamptz') {
    rule = { kind: 'timestamptz', fraction: fractionRule(a, b, d) };
  } else if (a.kind === 'time' && b.kind === 'time') {
    rule = { kind: 'time', fraction: fractionRule(a, b, d) };
  } else if (a.kind === 'binary' && b.kind === 'binary') rule = { kind: 'binary' };
  else if (a.kind === 'uuid' && b.kind === 'uuid') rule = { kind: 'uuid' };
  else if (a.kind === 'uuid' && STRINGS.has(b.kind)) {
    d.push({ kind: 'type', detail: `${a.raw} → ${b.raw}`, blocking: false });
    rule = { kind: 'uuid' };
  } else {
    if (a.kind !== b.kind || a.kind === 'other') {
      if (a.kind !== b.kind) d.push({ kind: 'type', detail: `${a.raw} → ${b.raw}`, blocking: true });
    }
    rule = { kind: 'text' };
  }
  if (s.nullable !== t.nullable) {
    d.push({ kind: 'nullability', detail: `${s.nullable ? 'NULL' : 'NOT NULL'} → ${t.nullable ? 'NULL' : 'NOT NULL'}`, blocking: false });
  }
  return { rule, differences: d };
}

export function describeRule(r: CompareRule): string {
  switch (r.kind) {
    case 'decimal': return `decimal(scale ${r.scale})`;
    case 'float': return `float(relative tolerance ${r.tolerance})`;
    case 'string': return `string${r.rtrim ? ', trailing spaces ignored' : ''}${r.lower ? ', case-insensitive' : ''}, NFC`;
    case 'timestamp': return `timestamp(${r.fraction} fractional digits${r.datetime300 ? ', SQL Server datetime 1/300 s rounding' : ''})`;
    case 'timestamptz': return `instant in UTC(${r.fraction} fractional digits)`;
    case 'time': return `time(${r.fraction} fractional digits)`;
    default: return r.kind;
  }
}
