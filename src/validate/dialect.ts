/**
 * Per-engine SQL for the evaluator. Every value is turned into a canonical text inside the engine
 * (`canon`), rows are hashed with md5 (available on all three engines) into a 60-bit integer
 * (`hash60`: hex digits 2–16 of the md5), and segments are summed. The canonical text of a value is
 * identical on every engine for equal values; tests in test/validate check this on DuckDB and
 * PostgreSQL, and the SQL Server text is checked as text (no server can run here).
 */
import type { ColumnType, CompareRule } from './column-types.js';
import type { Engine, RelationRef } from './types.js';

/** Separates column texts inside a row text (ASCII unit separator). */
export const FIELD_SEP = 31;
/** Stands for NULL inside a row text (ASCII record separator), so NULL and '' hash differently. */
export const NULL_MARK = 30;

export interface ValidateDialect {
  readonly engine: Engine;
  quote(name: string): string;
  /** A FROM item for a table name (schema.table) or a query. */
  relation(ref: RelationRef): string;
  /** Canonical text of `expr` (NULL stays NULL) under `rule`; `type` is this side's column type. */
  canon(expr: string, rule: CompareRule, type: ColumnType): string;
  /**
   * The text hashed for a value when it may differ from the one shown (`canon`), because a cheaper
   * form exists that every engine computes identically: timestamps hash as rounded epoch
   * microseconds instead of formatted dates. Equal canonical texts ⇔ equal hash texts.
   */
  hashText(expr: string, rule: CompareRule, type: ColumnType): string;
  /** Texts joined with FIELD_SEP, NULLs replaced by NULL_MARK. */
  rowText(texts: readonly string[]): string;
  /** A non-negative 60-bit integer from the md5 of a text. */
  hash60(text: string): string;
  /**
   * A faster engine-native 60-bit hash, used only when both sides run on this same engine (the
   * hash must be computed identically on both sides; across engines only md5 is).
   */
  nativeHash60?(text: string): string;
  /**
   * A native 60-bit hash of several values of any type, without making texts: used only when both
   * sides run on this engine, for columns of the same type on both sides (equal values are then
   * equal bit for bit; values equal only after normalisation hash apart and are settled row by row).
   * Must tell NULL from '' and depend on the order of the values.
   */
  nativeRowHash60?(values: readonly string[]): string;
  /** A non-negative bucket number `expr mod m` for a non-negative or signed integer expression. */
  mod(expr: string, m: bigint): string;
  /** The sum of 60-bit hashes without overflow. */
  sumHash(expr: string): string;
  /** Character length (trailing spaces counted). */
  length(expr: string): string;
  /** Cast to a double for float sums. */
  toDouble(expr: string): string;
  /** 1/0 for a boolean or bit. */
  boolToInt(expr: string, type: ColumnType): string;
  /** `SELECT … LIMIT n`. */
  limit(select: string, n: number): string;
}

const q2 = (s: string): string => s.replace(/"/g, '""');

/** schema.table → parts; [bracketed] and "quoted" parts may contain dots; bare parts are trimmed. */
function splitName(table: string): string[] {
  const parts: string[] = [];
  const re = /\s*(?:\[((?:[^\]]|\]\])*)\]|"((?:[^"]|"")*)"|([^.]+))\s*(?:\.|$)/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < table.length && (m = re.exec(table)) !== null) {
    parts.push(m[1] !== undefined ? m[1].replace(/\]\]/g, ']') : m[2] !== undefined ? m[2].replace(/""/g, '"') : (m[3] as string).trim());
  }
  return parts;
}

abstract class AnsiDialect implements ValidateDialect {
  abstract readonly engine: Engine;
  quote(name: string): string {
    return `"${q2(name)}"`;
  }
  relation(ref: RelationRef): string {
    if ('query' in ref) return `(${ref.query}) AS src__`;
    return splitName(ref.table).map((p) => this.quote(p)).join('.');
  }
  abstract canon(expr: string, rule: CompareRule, type: ColumnType): string;
  rowText(texts: readonly string[]): string {
    return `concat_ws(chr(${FIELD_SEP}), ${texts.map((t) => `coalesce(${t}, chr(${NULL_MARK}))`).join(', ')})`;
  }
  abstract hash60(text: string): string;
  /** Microseconds since 1970 of a TIMESTAMP expression, as BIGINT. */
  protected abstract epochMicros(t: string): string;
  hashText(x: string, rule: CompareRule, type: ColumnType): string {
    if (rule.kind !== 'timestamp' || rule.datetime300) return this.canon(x, rule, type);
    return `CAST(${roundedMicros(this.epochMicros(`CAST(${x} AS TIMESTAMP)`), rule.fraction)} AS VARCHAR)`;
  }
  mod(expr: string, m: bigint): string {
    return `(((${expr}) % ${m}) + ${m}) % ${m}`;
  }
  abstract sumHash(expr: string): string;
  length(expr: string): string {
    return `length(${expr})`;
  }
  toDouble(expr: string): string {
    return `CAST(${expr} AS DOUBLE PRECISION)`;
  }
  boolToInt(expr: string, type: ColumnType): string {
    return type.kind === 'bool' ? `CASE WHEN ${expr} THEN 1 WHEN NOT ${expr} THEN 0 END` : `CAST(${expr} AS INTEGER)`;
  }
  limit(select: string, n: number): string {
    return `${select} LIMIT ${n}`;
  }
  /** Float as `<mantissa rounded to digits>e<exponent>`: formatting of doubles differs between engines. */
  protected floatCanon(x: string, digits: number, log10: string, pow: string): string {
    const e = `CAST(floor(${log10}(abs(${x}))) AS INTEGER)`;
    // NaN and ±Infinity have no exponent (the cast to INTEGER would fail): named, equal to themselves
    // only. Both engines hold NaN = NaN true.
    const special = ['NaN', 'Infinity', '-Infinity'].map((v) => `WHEN ${x} = CAST('${v}' AS DOUBLE PRECISION) THEN '${v}'`).join(' ');
    return `CASE WHEN ${x} IS NULL THEN NULL WHEN ${x} = 0 THEN '0' ${special} ELSE CAST(CAST(${x} / ${pow}(CAST(10 AS DOUBLE PRECISION), ${e}) AS DECIMAL(18,${digits})) AS VARCHAR) || 'e' || CAST(${e} AS VARCHAR) END`;
  }
  /** Common string folding: rtrim, lower, NFC (the last one per engine). */
  protected stringCanon(x: string, rule: { rtrim: boolean; lower: boolean }, nfc: (s: string) => string): string {
    let s = `CAST(${x} AS VARCHAR)`;
    if (rule.rtrim) s = `rtrim(${s}, ' ')`;
    if (rule.lower) s = `lower(${s})`;
    return nfc(s);
  }
}

/**
 * Epoch microseconds rounded half up to `fraction` digits, kept in microseconds (a multiple of the
 * unit): r − ((r mod u) + u) mod u with r = µs + u/2 floors for dates before 1970 too, and needs no
 * division (DuckDB's `/` on integers is a double division).
 */
function roundedMicros(us: string, fraction: number): string {
  if (fraction >= 6) return us;
  const u = 10 ** (6 - fraction);
  const r = `(${us} + ${u / 2})`;
  return `(${r} - (((${r}) % ${u}) + ${u}) % ${u})`;
}

export class DuckDbDialect extends AnsiDialect {
  readonly engine = 'duckdb' as const;
  protected epochMicros(t: string): string {
    return `epoch_us(${t})`;
  }
  private ts(t: string, fraction: number): string {
    // Round half up to `fraction` digits (as PostgreSQL and SQL Server do when storing), then truncate.
    const x = fraction >= 6 ? t : `(${t} + to_microseconds(${5 * 10 ** (5 - fraction)}))`;
    const base = `strftime(${x}, '%Y-%m-%d %H:%M:%S')`;
    if (fraction === 0) return base;
    const us = `(((epoch_us(${x}) % 1000000) + 1000000) % 1000000)`;
    return `${base} || '.' || lpad(CAST(CAST(floor(${us} / ${10 ** (6 - fraction)}) AS BIGINT) AS VARCHAR), ${fraction}, '0')`;
  }
  canon(x: string, rule: CompareRule, type: ColumnType): string {
    switch (rule.kind) {
      case 'int': return `CAST(${x} AS VARCHAR)`;
      case 'decimal': return `CAST(CAST(${x} AS DECIMAL(${rule.precision},${rule.scale})) AS VARCHAR)`;
      case 'float': return this.floatCanon(`CAST(${x} AS DOUBLE)`, rule.digits, 'log10', 'pow');
      case 'bool': return type.kind === 'bool' ? `CASE WHEN ${x} THEN '1' WHEN NOT ${x} THEN '0' END` : `CAST(CAST(${x} AS INTEGER) AS VARCHAR)`;
      case 'string': return this.stringCanon(x, rule, (s) => `nfc_normalize(${s})`);
      case 'date': return `strftime(CAST(${x} AS DATE), '%Y-%m-%d')`;
      case 'timestamp': {
        const t = `CAST(${x} AS TIMESTAMP)`;
        if (!rule.datetime300 || type.kind === 'datetime300') return this.ts(t, rule.fraction);
        // Round to SQL Server's 1/300 s tick, then to the millisecond SQL Server displays.
        const us = `(((epoch_us(${t}) % 1000000) + 1000000) % 1000000)`;
        const adj = `(date_trunc('second', ${t}) + to_milliseconds(CAST(round(round(${us} * 300 / 1000000.0) * 10 / 3.0) AS BIGINT)))`;
        return this.ts(adj, 3);
      }
      // The instant in UTC through epoch microseconds: needs no time zone data and ignores the session's TimeZone.
      case 'timestamptz': return `(${this.ts(`make_timestamp(epoch_us(CAST(${x} AS TIMESTAMPTZ)))`, rule.fraction)} || 'Z')`;
      case 'time': return `substr(${this.ts(`(DATE '1970-01-01' + CAST(${x} AS TIME))`, rule.fraction)}, 12)`;
      case 'binary': return `lower(hex(${x}))`;
      case 'uuid': return `lower(CAST(${x} AS VARCHAR))`;
      case 'text': return `CAST(${x} AS VARCHAR)`;
    }
  }
  hash60(text: string): string {
    return `CAST('0x' || substr(md5(${text}), 2, 15) AS BIGINT)`;
  }
  nativeHash60(text: string): string {
    return `CAST(hash(${text}) >> 4 AS BIGINT)`;
  }
  nativeRowHash60(values: readonly string[]): string {
    // hash(a, b, …) combines the values' own hashes: 50× cheaper than texts and md5 (bench/diff.ts).
    return `CAST(hash(${values.join(', ')}) >> 4 AS BIGINT)`;
  }
  sumHash(expr: string): string {
    return `CAST(sum(${expr}) AS VARCHAR)`;
  }
}

export class PostgresDialect extends AnsiDialect {
  readonly engine = 'postgres' as const;
  protected epochMicros(t: string): string {
    // extract() returns an exact numeric (PostgreSQL 14+).
    return `CAST(extract(epoch FROM ${t}) * 1000000 AS BIGINT)`;
  }
  private ts(t: string, fraction: number): string {
    // Round half up to `fraction` digits (as PostgreSQL does when storing), then truncate.
    const x = fraction >= 6 ? t : `(${t} + make_interval(secs => ${5 * 10 ** (5 - fraction)} / 1000000.0))`;
    const base = `to_char(${x}, 'YYYY-MM-DD HH24:MI:SS')`;
    if (fraction === 0) return base;
    const us = `(CAST(extract(microseconds FROM ${x}) AS BIGINT) % 1000000)`;
    return `${base} || '.' || lpad(CAST(${us} / ${10 ** (6 - fraction)} AS TEXT), ${fraction}, '0')`;
  }
  canon(x: string, rule: CompareRule, type: ColumnType): string {
    switch (rule.kind) {
      case 'int': return `CAST(${x} AS TEXT)`;
      case 'decimal': return `CAST(CAST(${x} AS NUMERIC(${rule.precision},${rule.scale})) AS TEXT)`;
      case 'float': return this.floatCanon(`CAST(${x} AS DOUBLE PRECISION)`, rule.digits, 'log', 'power');
      case 'bool': return type.kind === 'bool' ? `CASE WHEN ${x} THEN '1' WHEN NOT ${x} THEN '0' END` : `CAST(CAST(${x} AS INTEGER) AS TEXT)`;
      // The quick check first: most text is already NFC, and normalize() costs twice as much (bench/diff.ts).
      case 'string': return this.stringCanon(x, rule, (s) => `CASE WHEN ${s} IS NFC NORMALIZED THEN ${s} ELSE normalize(${s}, NFC) END`);
      case 'date': return `to_char(CAST(${x} AS DATE), 'YYYY-MM-DD')`;
      case 'timestamp': {
        const t = `CAST(${x} AS TIMESTAMP)`;
        if (!rule.datetime300 || type.kind === 'datetime300') return this.ts(t, rule.fraction);
        const us = `(CAST(extract(microseconds FROM ${t}) AS BIGINT) % 1000000)`;
        const adj = `(date_trunc('second', ${t}) + make_interval(secs => round(round(${us} * 300 / 1000000.0) * 10 / 3.0) / 1000.0))`;
        return this.ts(adj, 3);
      }
      case 'timestamptz': return `(${this.ts(`(CAST(${x} AS TIMESTAMPTZ) AT TIME ZONE 'UTC')`, rule.fraction)} || 'Z')`;
      case 'time': return `substr(${this.ts(`(DATE '1970-01-01' + CAST(${x} AS TIME))`, rule.fraction)}, 12)`;
      case 'binary': return `encode(${x}, 'hex')`;
      case 'uuid': return `lower(CAST(${x} AS TEXT))`;
      case 'text': return `CAST(${x} AS TEXT)`;
    }
  }
  hash60(text: string): string {
    return `CAST(CAST('x' || substr(md5(${text}), 2, 15) AS BIT(60)) AS BIGINT)`;
  }
  nativeHash60(text: string): string {
    return `(hashtextextended(${text}, 0) & 1152921504606846975)`;
  }
  sumHash(expr: string): string {
    return `CAST(sum(${expr}) AS TEXT)`;
  }
}

/**
 * SQL Server (2019 or later: CONCAT_WS, UTF-8 collations). Strings are hashed as UTF-8, like on the
 * other engines, by casting to a _UTF8 collation. SQL Server has no NFC function: values are hashed
 * as stored and the row-level comparison applies NFC, so non-NFC text costs a fetch, never a false
 * difference.
 */
export class MssqlDialect implements ValidateDialect {
  readonly engine = 'mssql' as const;
  quote(name: string): string {
    return `[${name.replace(/\]/g, ']]')}]`;
  }
  relation(ref: RelationRef): string {
    if ('query' in ref) return `(${ref.query}) AS src__`;
    return splitName(ref.table).map((p) => this.quote(p)).join('.');
  }
  private ts(x: string, type: ColumnType, fraction: number): string {
    // datetime shows its 1/300 s ticks as milliseconds (.000, .003, .007); CAST to datetime2(p) rounds like the other engines.
    if (type.kind === 'datetime300' && fraction >= 3) return `CONVERT(varchar(23), ${x}, 121)`;
    return `CONVERT(varchar(27), CAST(${x} AS datetime2(${fraction})), 121)`;
  }
  canon(x: string, rule: CompareRule, type: ColumnType): string {
    switch (rule.kind) {
      case 'int': return `CONVERT(varchar(40), ${x})`;
      case 'decimal': return `CONVERT(varchar(41), CAST(${x} AS decimal(${rule.precision},${rule.scale})))`;
      case 'float': {
        const v = `CAST(${x} AS float)`;
        const e = `CAST(FLOOR(LOG10(ABS(${v}))) AS int)`;
        return `CASE WHEN ${v} IS NULL THEN NULL WHEN ${v} = 0 THEN '0' ELSE CONVERT(varchar(40), CAST(${v} / POWER(CAST(10 AS float), ${e}) AS decimal(18,${rule.digits}))) + 'e' + CONVERT(varchar(12), ${e}) END`;
      }
      case 'bool': return `CONVERT(varchar(1), CAST(${x} AS int))`;
      case 'string': {
        let s = `CAST(${x} AS nvarchar(max))`;
        if (rule.rtrim) s = `RTRIM(${s})`;
        if (rule.lower) s = `LOWER(${s})`;
        return s;
      }
      case 'date': return `CONVERT(char(10), ${x}, 23)`;
      case 'timestamp': return this.ts(x, type, rule.fraction);
      // SQL Server's float has no NaN or infinity; datetimeoffset shifted to +00:00, then rounded as datetime2.
      case 'timestamptz': return `CONVERT(varchar(27), CAST(SWITCHOFFSET(${x}, '+00:00') AS datetime2(${rule.fraction})), 121) + 'Z'`;
      case 'time': return `CONVERT(varchar(16), CAST(${x} AS time(${rule.fraction})))`;
      case 'binary': return `LOWER(CONVERT(varchar(max), ${x}, 2))`;
      case 'uuid': return `LOWER(CONVERT(char(36), ${x}))`;
      case 'text': return `CONVERT(nvarchar(max), ${x})`;
    }
  }
  hashText(x: string, rule: CompareRule, type: ColumnType): string {
    if (rule.kind !== 'timestamp' || rule.datetime300) return this.canon(x, rule, type);
    // CAST to datetime2(p) rounds half up like the other engines; DATEDIFF_BIG counts its microseconds.
    return `CONVERT(varchar(20), DATEDIFF_BIG(microsecond, CAST('1970-01-01' AS datetime2(6)), CAST(${x} AS datetime2(${rule.fraction}))))`;
  }
  rowText(texts: readonly string[]): string {
    return `CONCAT_WS(NCHAR(${FIELD_SEP}), ${texts.map((t) => `COALESCE(${t}, NCHAR(${NULL_MARK}))`).join(', ')})`;
  }
  hash60(text: string): string {
    return `(CAST(SUBSTRING(HASHBYTES('MD5', CAST(${text} COLLATE Latin1_General_100_BIN2_UTF8 AS varchar(max))), 1, 8) AS bigint) & 1152921504606846975)`;
  }
  mod(expr: string, m: bigint): string {
    return `(((${expr}) % ${m}) + ${m}) % ${m}`;
  }
  sumHash(expr: string): string {
    return `CONVERT(varchar(40), SUM(CAST(${expr} AS decimal(38,0))))`;
  }
  length(expr: string): string {
    // LEN ignores trailing spaces; DATALENGTH counts bytes.
    return `(LEN(CAST(${expr} AS nvarchar(max)) + N'x') - 1)`;
  }
  toDouble(expr: string): string {
    return `CAST(${expr} AS float)`;
  }
  boolToInt(expr: string): string {
    return `CAST(${expr} AS int)`;
  }
  limit(select: string, n: number): string {
    return select.replace(/^SELECT\b/i, `SELECT TOP (${n})`);
  }
}

export function dialectFor(engine: Engine): ValidateDialect {
  switch (engine) {
    case 'duckdb': return new DuckDbDialect();
    case 'postgres': return new PostgresDialect();
    case 'mssql': return new MssqlDialect();
  }
}

export { splitName };
