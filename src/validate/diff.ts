/**
 * diffTables: compare a source relation with a target relation, possibly on different engines.
 * Steps: schema → counts and column profiles → key segments checksummed in each engine, mismatching
 * segments split until small → only the rows of those segments fetched and compared in JS.
 * See README.md for the normalisation rules and the score.
 */
import { describeRule, unify, type ColumnInfo, type CompareRule } from './column-types.js';
import { compareValues, floatsEqual, toNumber, type Canon } from './compare.js';
import { connect, ConnectionError, type Connector, type Value } from './connector.js';
import { scoreOf } from './score.js';
import type { ChangedRow, ColumnDiff, DiffOptions, DiffResult, DuplicateKey, ProfileStats, RelationRef, SchemaDifference, ValueDifferenceKind } from './types.js';

interface Pair {
  readonly source: ColumnInfo;
  readonly target: ColumnInfo;
  readonly rule: CompareRule;
  readonly schema: SchemaDifference[];
}

interface Side {
  readonly conn: Connector;
  readonly ref: RelationRef;
  readonly columns: readonly ColumnInfo[];
  readonly which: 'source' | 'target';
}

const SPLIT = 16n;
const MAX_MODULUS = 1n << 50n;

function relationName(ref: RelationRef): string {
  return 'table' in ref ? ref.table : `(${ref.query.length > 60 ? `${ref.query.slice(0, 57)}...` : ref.query})`;
}

class Counter {
  queries = 0;
  segments = 0;
  fetched = 0;
}

/** Everything computed on one side for one pair list: SQL expressions. */
class SideSql {
  constructor(private readonly side: Side, private readonly pairs: readonly Pair[], private readonly keyPairs: readonly Pair[], private readonly where: string | undefined, private readonly sameEngine: boolean) {}

  private hash(text: string): string {
    const d = this.side.conn.dialect;
    return this.sameEngine && d.nativeHash60 ? d.nativeHash60(text) : d.hash60(text);
  }

  private col(p: Pair): ColumnInfo {
    return this.side.which === 'source' ? p.source : p.target;
  }
  private q(p: Pair): string {
    return this.side.conn.dialect.quote(this.col(p).name);
  }
  canon(p: Pair, expr = this.q(p)): string {
    return this.side.conn.dialect.canon(expr, p.rule, this.col(p).type);
  }
  get from(): string {
    const d = this.side.conn.dialect;
    return `${d.relation(this.side.ref)}${this.where ? ` WHERE (${this.where})` : ''}`;
  }
  /** The bucket hash: the integer key itself, or the md5 of the key texts; rows' own hash without a key. */
  keyHash(): string {
    const d = this.side.conn.dialect;
    if (this.keyPairs.length === 0) return this.rowHash();
    const only = this.keyPairs[0] as Pair;
    if (this.keyPairs.length === 1 && only.rule.kind === 'int') return `CAST(${this.q(only)} AS BIGINT)`;
    return this.hash(d.rowText(this.keyPairs.map((p) => this.canon(p))));
  }
  rowHash(): string {
    const d = this.side.conn.dialect;
    if (this.sameEngine && d.nativeRowHash60) return d.nativeRowHash60(this.pairs.map((p) => (rawHashable(p) ? this.q(p) : this.canon(p))));
    return this.hash(d.rowText(this.pairs.map((p) => d.hashText(this.q(p), p.rule, this.col(p).type))));
  }
  /** Inner SELECT with kh__ and rh__. */
  hashed(): string {
    return `SELECT ${this.keyHash()} AS kh__, ${this.rowHash()} AS rh__ FROM ${this.from}`;
  }
  segments(modulus: bigint, within?: { modulus: bigint; buckets: readonly bigint[] }): string {
    const d = this.side.conn.dialect;
    const filter = within ? ` WHERE ${d.mod('kh__', within.modulus)} IN (${within.buckets.join(', ')})` : '';
    return `SELECT ${d.mod('kh__', modulus)} AS b__, count(*) AS n__, ${d.sumHash('rh__')} AS s__ FROM (${this.hashed()}) AS h__${filter} GROUP BY ${d.mod('kh__', modulus)}`;
  }
  /** Key hash and row hash of the rows in some buckets. */
  hashesIn(modulus: bigint, buckets: readonly bigint[]): string {
    const d = this.side.conn.dialect;
    return `SELECT kh__, rh__ FROM (${this.hashed()}) AS h__ WHERE ${d.mod('kh__', modulus)} IN (${buckets.join(', ')})`;
  }
  /** Canonical texts (and raw doubles of float columns) of the rows with these key hashes. */
  rowsFor(keyHashes: readonly string[]): string {
    const d = this.side.conn.dialect;
    const cols = this.pairs.map((p, i) => `${this.canon(p)} AS c${i}__`);
    const raws = this.pairs.map((p, i) => (p.rule.kind === 'float' ? `${d.toDouble(this.q(p))} AS f${i}__` : `NULL AS f${i}__`));
    return `SELECT * FROM (SELECT ${this.keyHash()} AS kh__, ${[...cols, ...raws].join(', ')} FROM ${this.from}) AS r__ WHERE kh__ IN (${keyHashes.join(', ')})`;
  }
  /** count(*) then, per pair: non-null, distinct, min, max, sum, sum of |x|, min length, max length. */
  profile(withProfiles: boolean): string {
    const d = this.side.conn.dialect;
    const parts = ['count(*)'];
    if (withProfiles) {
      for (const p of this.pairs) {
        const x = this.q(p);
        const c = this.canon(p);
        const k = p.rule.kind;
        const ordered = k === 'int' || k === 'decimal' || k === 'float' || k === 'date' || k === 'timestamp' || k === 'timestamptz' || k === 'time';
        const minMax = ordered ? [this.canon(p, `min(${x})`), this.canon(p, `max(${x})`)] : ['NULL', 'NULL'];
        let sum = 'NULL';
        let sumAbs = 'NULL';
        if (k === 'int' || k === 'decimal') sum = this.canon(p, `sum(${x})`);
        else if (k === 'float') {
          sum = `sum(${d.toDouble(x)})`;
          sumAbs = `sum(abs(${d.toDouble(x)}))`;
        } else if (k === 'bool') sum = `sum(${d.boolToInt(x, this.col(p).type)})`;
        const lengths = k === 'string' || k === 'text' ? [`min(${d.length(c)})`, `max(${d.length(c)})`] : ['NULL', 'NULL'];
        parts.push(`count(${x})`, `count(DISTINCT ${c})`, ...minMax, sum, sumAbs, ...lengths);
      }
    }
    return `SELECT ${parts.join(', ')} FROM ${this.from}`;
  }
}

/**
 * Can a column be hashed as its raw value when both sides are on one engine? When it has the same
 * type on both sides and its rule only renders values (no folding: trailing spaces and case under
 * `ci` or char padding would make raw values differ while their canonical texts are equal, and
 * every such row would be fetched).
 */
function rawHashable(p: Pair): boolean {
  if (p.source.type.raw.toLowerCase() !== p.target.type.raw.toLowerCase()) return false;
  switch (p.rule.kind) {
    case 'string': return !p.rule.rtrim && !p.rule.lower;
    case 'text': return false;
    default: return true;
  }
}

const PROFILE_WIDTH = 8;

function asInt(v: Value | undefined): number {
  return v === null || v === undefined ? 0 : Number(v);
}
function asText(v: Value | undefined): string | null {
  return v === null || v === undefined ? null : String(v);
}

function readProfile(row: readonly Value[], i: number, total: number): ProfileStats & { sumAbs: number | null } {
  const o = 1 + i * PROFILE_WIDTH;
  const nonNull = asInt(row[o]);
  const sum = asText(row[o + 4]);
  const sumNum = sum === null ? null : toNumber(sum);
  return {
    nonNull,
    nulls: total - nonNull,
    distinct: asInt(row[o + 1]),
    min: asText(row[o + 2]),
    max: asText(row[o + 3]),
    sum,
    avg: sumNum === null || nonNull === 0 ? null : sumNum / nonNull,
    minLength: row[o + 6] === null || row[o + 6] === undefined ? null : asInt(row[o + 6]),
    maxLength: row[o + 7] === null || row[o + 7] === undefined ? null : asInt(row[o + 7]),
    sumAbs: toNumber(row[o + 5]),
  };
}

function profileDifferences(p: Pair, a: ProfileStats & { sumAbs: number | null }, b: ProfileStats & { sumAbs: number | null }): string[] {
  const out: string[] = [];
  if (a.nulls !== b.nulls) out.push(`nulls ${a.nulls} → ${b.nulls}`);
  if (a.distinct !== b.distinct) out.push(`distinct ${a.distinct} → ${b.distinct}`);
  const tol = p.rule.kind === 'float' ? p.rule.tolerance : 0;
  const same = (x: string | null, y: string | null, scale = 1): boolean => {
    if (x === y) return true;
    if (tol === 0 || x === null || y === null) return false;
    const nx = toNumber(x);
    const ny = toNumber(y);
    return nx !== null && ny !== null && Math.abs(nx - ny) <= tol * Math.max(1, scale, Math.abs(nx), Math.abs(ny));
  };
  if (!same(a.min, b.min)) out.push(`min ${a.min} → ${b.min}`);
  if (!same(a.max, b.max)) out.push(`max ${a.max} → ${b.max}`);
  if (!same(a.sum, b.sum, Math.max(a.sumAbs ?? 0, b.sumAbs ?? 0))) out.push(`sum ${a.sum} → ${b.sum}`);
  if (a.minLength !== b.minLength || a.maxLength !== b.maxLength) out.push(`length ${a.minLength}..${a.maxLength} → ${b.minLength}..${b.maxLength}`);
  return out;
}

interface FetchedRow {
  readonly kh: string;
  readonly key: Canon[];
  readonly values: Canon[];
  readonly raws: Value[];
}

function unverifiable(options: DiffOptions, reason: string, failure: 'connection' | 'query' | 'usage', engines: { source?: Connector; target?: Connector }, started: number): DiffResult {
  return {
    status: 'unverifiable',
    score: null,
    reason,
    failure,
    source: { engine: engines.source?.engine ?? guessEngine(options.source), relation: relationName(options.sourceRelation) },
    target: { engine: engines.target?.engine ?? guessEngine(options.target), relation: relationName(options.targetRelation) },
    key: options.key ?? [],
    rowsSource: 0,
    rowsTarget: 0,
    missingInTarget: 0,
    missingInSource: 0,
    changed: 0,
    duplicates: 0,
    columns: [],
    samples: { missingInTarget: [], missingInSource: [], changed: [], duplicates: [] },
    complete: false,
    stats: { queries: 0, segmentsCompared: 0, rowsFetched: 0, elapsedMs: Date.now() - started },
  };
}

function guessEngine(c: string | Connector): 'duckdb' | 'postgres' | 'mssql' {
  if (typeof c !== 'string') return c.engine;
  return /^duckdb:/i.test(c) ? 'duckdb' : /^mssql:|^sqlserver:/i.test(c) ? 'mssql' : 'postgres';
}

/** Compare two relations. Never throws for connection or query failures: the result is `unverifiable` with the reason. */
export async function diffTables(options: DiffOptions): Promise<DiffResult> {
  const started = Date.now();
  const opened: Connector[] = [];
  const engines: { source?: Connector; target?: Connector } = {};
  try {
    const connOpts = { timeoutMs: options.timeoutMs ?? 300_000 };
    const [src, tgt] = await Promise.all([
      typeof options.source === 'string' ? connect(options.source, connOpts).then((c) => (opened.push(c), c)) : Promise.resolve(options.source),
      typeof options.target === 'string' ? connect(options.target, connOpts).then((c) => (opened.push(c), c)) : Promise.resolve(options.target),
    ]);
    engines.source = src;
    engines.target = tgt;
    return await run(options, src, tgt, started);
  } catch (e) {
    const failure = e instanceof ConnectionError ? 'connection' : e instanceof UsageInputError ? 'usage' : 'query';
    return unverifiable(options, (e as Error).message, failure, engines, started);
  } finally {
    await Promise.all(opened.map((c) => c.close()));
  }
}

/** Options that do not fit the relations (unknown key column…). */
export class UsageInputError extends Error {}

async function run(options: DiffOptions, src: Connector, tgt: Connector, started: number): Promise<DiffResult> {
  const counter = new Counter();
  const tolerance = options.tolerance ?? 1e-9;
  const collation = options.collation ?? 'cs';
  const sampleLimit = options.sampleLimit ?? 20;
  const maxSegmentRows = options.maxSegmentRows ?? 1000;
  const maxFetchRows = options.maxFetchRows ?? 1_000_000;
  const q = async (c: Connector, sql: string): Promise<Value[][]> => {
    counter.queries++;
    if (!process.env['MSSQL2DBT_DIFF_TRACE']) return c.query(sql);
    const t0 = Date.now();
    const rows = await c.query(sql);
    process.stderr.write(`[diff] ${c.engine} ${Date.now() - t0} ms, ${rows.length} rows: ${sql.slice(0, 160).replace(/\s+/g, ' ')}\n`);
    return rows;
  };

  // 1. Schema.
  const [sCols, tCols] = await Promise.all([src.describe(options.sourceRelation), tgt.describe(options.targetRelation)]);
  const renames = new Map(Object.entries(options.renames ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const tByName = new Map(tCols.map((c) => [c.name.toLowerCase(), c]));
  const wanted = options.columns ? new Set(options.columns.map((c) => c.toLowerCase())) : undefined;
  const keyNames = (options.key ?? []).map((k) => k.toLowerCase());
  for (const k of keyNames) if (!sCols.some((c) => c.name.toLowerCase() === k)) throw new UsageInputError(`key column ${k} is not in the source`);
  if (wanted) for (const w of wanted) if (!sCols.some((c) => c.name.toLowerCase() === w)) throw new UsageInputError(`column ${w} is not in the source`);
  const pairs: Pair[] = [];
  const columns: { diff: ColumnDiff; pair?: Pair }[] = [];
  const usedTarget = new Set<string>();
  for (const s of sCols) {
    const lname = s.name.toLowerCase();
    if (wanted && !wanted.has(lname) && !keyNames.includes(lname)) continue;
    const tName = (renames.get(lname) ?? s.name).toLowerCase();
    const t = tByName.get(tName);
    if (!t) {
      if (keyNames.includes(lname)) throw new UsageInputError(`key column ${s.name} is not in the target`);
      columns.push({ diff: { source: s.name, target: null, sourceType: s.type.raw, targetType: null, comparedAs: null, schema: [{ kind: 'missing-in-target', detail: `${s.name} is not in the target`, blocking: true }], changedRows: 0, kinds: {} } });
      continue;
    }
    usedTarget.add(tName);
    const { rule, differences } = unify(s, t, { tolerance, collation });
    const pair: Pair = { source: s, target: t, rule, schema: differences };
    pairs.push(pair);
    columns.push({ diff: { source: s.name, target: t.name, sourceType: s.type.raw, targetType: t.type.raw, comparedAs: describeRule(rule), schema: differences, changedRows: 0, kinds: {} }, pair });
  }
  if (!wanted) {
    for (const t of tCols) {
      if (usedTarget.has(t.name.toLowerCase())) continue;
      columns.push({ diff: { source: null, target: t.name, sourceType: null, targetType: t.type.raw, comparedAs: null, schema: [{ kind: 'missing-in-source', detail: `${t.name} is not in the source`, blocking: false }], changedRows: 0, kinds: {} } });
    }
  }
  // Key columns first, in key order.
  const keyPairs = keyNames.map((k) => pairs.find((p) => p.source.name.toLowerCase() === k) as Pair);
  const ordered = [...keyPairs, ...pairs.filter((p) => !keyPairs.includes(p))];
  const sSide = new SideSql({ conn: src, ref: options.sourceRelation, columns: sCols, which: 'source' }, ordered, keyPairs, options.where, src.engine === tgt.engine);
  const tSide = new SideSql({ conn: tgt, ref: options.targetRelation, columns: tCols, which: 'target' }, ordered, keyPairs, options.where, src.engine === tgt.engine);

  // 2–3. Counts and profiles, one scan per side.
  const withProfiles = options.profile ?? true;
  const [sp, tp] = await Promise.all([q(src, sSide.profile(withProfiles)), q(tgt, tSide.profile(withProfiles))]);
  const sRow = sp[0] ?? [];
  const tRow = tp[0] ?? [];
  const rowsSource = asInt(sRow[0]);
  const rowsTarget = asInt(tRow[0]);
  const profileOf = new Map<Pair, { source: ProfileStats; target: ProfileStats; differences: string[] }>();
  if (withProfiles) {
    ordered.forEach((p, i) => {
      const a = readProfile(sRow, i, rowsSource);
      const b = readProfile(tRow, i, rowsTarget);
      const { sumAbs: _sa, ...source } = a;
      const { sumAbs: _tb, ...target } = b;
      profileOf.set(p, { source, target, differences: profileDifferences(p, a, b) });
    });
  }

  // 4. Segments, split until small, then fetched.
  const biggest = Math.max(rowsSource, rowsTarget);
  let modulus = BigInt(Math.max(1, Math.min(65_536, Math.ceil(biggest / Math.max(1, Math.floor(maxSegmentRows / 4))))));
  const toFetch: { modulus: bigint; buckets: bigint[] }[] = [];
  let within: { modulus: bigint; buckets: bigint[] } | undefined;
  for (;;) {
    const [sa, ta] = await Promise.all([q(src, sSide.segments(modulus, within)), q(tgt, tSide.segments(modulus, within))]);
    const seg = new Map<string, { n: [number, number]; s: [string, string] }>();
    for (const [r, i] of [...sa.map((r) => [r, 0] as const), ...ta.map((r) => [r, 1] as const)]) {
      const b = String(r[0]);
      const e = seg.get(b) ?? { n: [0, 0], s: ['0', '0'] };
      e.n[i] = asInt(r[1]);
      e.s[i] = BigInt(String(r[2] ?? '0').replace(/\.0*$/, '')).toString();
      seg.set(b, e);
    }
    counter.segments += seg.size;
    const small: bigint[] = [];
    const large: bigint[] = [];
    for (const [b, e] of seg) {
      if (e.n[0] === e.n[1] && e.s[0] === e.s[1]) continue;
      if (Math.max(e.n[0], e.n[1]) <= maxSegmentRows || modulus * SPLIT > MAX_MODULUS) small.push(BigInt(b));
      else large.push(BigInt(b));
    }
    if (small.length > 0) toFetch.push({ modulus, buckets: small });
    if (large.length === 0) break;
    within = { modulus, buckets: large };
    modulus *= SPLIT;
  }

  // 4b. Hashes of the rows in mismatching segments (key hash, row hash: two integers a row), then
  // the full canonical rows of only the keys whose row hashes differ.
  let complete = true;
  const hashesOf = async (c: Connector, side: SideSql): Promise<Map<string, string[]>> => {
    const out = new Map<string, string[]>();
    let n = 0;
    for (const f of toFetch) {
      for (let i = 0; i < f.buckets.length; i += 500) {
        if (n >= maxFetchRows) {
          complete = false;
          return out;
        }
        const rows = await q(c, side.hashesIn(f.modulus, f.buckets.slice(i, i + 500)));
        n += rows.length;
        for (const r of rows) {
          const kh = String(r[0]);
          const list = out.get(kh);
          if (list) list.push(String(r[1]));
          else out.set(kh, [String(r[1])]);
        }
      }
    }
    counter.fetched += n;
    return out;
  };
  const [sHashes, tHashes] = await Promise.all([hashesOf(src, sSide), hashesOf(tgt, tSide)]);
  const candidates: string[] = [];
  for (const kh of new Set([...sHashes.keys(), ...tHashes.keys()])) {
    const a = (sHashes.get(kh) ?? []).sort();
    const b = (tHashes.get(kh) ?? []).sort();
    if (a.length !== b.length || a.some((h, i) => h !== b[i])) candidates.push(kh);
  }
  if (candidates.length > maxFetchRows) {
    complete = false;
    candidates.length = maxFetchRows;
  }
  const fetchSide = async (c: Connector, side: SideSql): Promise<FetchedRow[]> => {
    const out: FetchedRow[] = [];
    for (let i = 0; i < candidates.length; i += 1000) {
      const rows = await q(c, side.rowsFor(candidates.slice(i, i + 1000)));
      for (const r of rows) {
        const values = ordered.map((_, j) => asText(r[1 + j]));
        out.push({ kh: String(r[0]), key: values.slice(0, keyPairs.length), values, raws: ordered.map((_, j) => r[1 + ordered.length + j] ?? null) });
      }
    }
    return out;
  };
  const [sRows, tRows] = await Promise.all([fetchSide(src, sSide), fetchSide(tgt, tSide)]);
  counter.fetched += sRows.length + tRows.length;

  // 5. Row comparison.
  const samples = { missingInTarget: [] as Canon[][], missingInSource: [] as Canon[][], changed: [] as ChangedRow[], duplicates: [] as DuplicateKey[] };
  let missingInTarget = 0;
  let missingInSource = 0;
  let changed = 0;
  let duplicates = 0;
  const perColumn = new Map<Pair, { rows: number; kinds: Partial<Record<ValueDifferenceKind, number>> }>();
  const sep = '\u001f';
  const idOf = (r: FetchedRow): string => (keyPairs.length > 0 ? r.key : r.values).map((v) => (v === null ? '\u001e' : v.normalize('NFC'))).join(sep);
  const group = (rows: FetchedRow[]): Map<string, FetchedRow[]> => {
    const m = new Map<string, FetchedRow[]>();
    for (const r of rows) {
      const id = idOf(r);
      const list = m.get(id);
      if (list) list.push(r);
      else m.set(id, [r]);
    }
    return m;
  };
  const sg = group(sRows);
  const tg = group(tRows);
  const ids = new Set([...sg.keys(), ...tg.keys()]);
  for (const id of ids) {
    const a = sg.get(id) ?? [];
    const b = tg.get(id) ?? [];
    const shown = (a[0] ?? b[0]) as FetchedRow;
    const label = keyPairs.length > 0 ? shown.key : shown.values;
    if (keyPairs.length === 0) {
      // Multiset of rows: surplus copies on either side.
      if (a.length > b.length) {
        missingInTarget += a.length - b.length;
        if (samples.missingInTarget.length < sampleLimit) samples.missingInTarget.push(label);
      } else if (b.length > a.length) {
        missingInSource += b.length - a.length;
        if (samples.missingInSource.length < sampleLimit) samples.missingInSource.push(label);
      }
      continue;
    }
    if (a.length > 1 || b.length > 1) {
      duplicates++;
      if (samples.duplicates.length < sampleLimit) samples.duplicates.push({ key: label, source: a.length, target: b.length });
    }
    if (b.length === 0) {
      missingInTarget++;
      if (samples.missingInTarget.length < sampleLimit) samples.missingInTarget.push(label);
      continue;
    }
    if (a.length === 0) {
      missingInSource++;
      if (samples.missingInSource.length < sampleLimit) samples.missingInSource.push(label);
      continue;
    }
    const x = a[0] as FetchedRow;
    const y = b[0] as FetchedRow;
    const diffs = [];
    for (let j = keyPairs.length; j < ordered.length; j++) {
      const p = ordered[j] as Pair;
      const kind = compareValues(p.rule, x.values[j] ?? null, y.values[j] ?? null, x.raws[j], y.raws[j]);
      if (!kind) continue;
      diffs.push({ column: p.source.name, kind, source: x.values[j] ?? null, target: y.values[j] ?? null });
      const pc = perColumn.get(p) ?? { rows: 0, kinds: {} };
      pc.rows++;
      pc.kinds[kind] = (pc.kinds[kind] ?? 0) + 1;
      perColumn.set(p, pc);
    }
    if (diffs.length > 0) {
      changed++;
      if (samples.changed.length < sampleLimit) samples.changed.push({ key: label, columns: diffs });
    }
  }
  const sortKeys = (l: Canon[][]): void => void l.sort((u, v) => String(u).localeCompare(String(v), 'en', { numeric: true }));
  sortKeys(samples.missingInTarget);
  sortKeys(samples.missingInSource);

  const columnDiffs: ColumnDiff[] = columns.map(({ diff, pair }) => {
    if (!pair) return diff;
    const pc = perColumn.get(pair);
    const prof = profileOf.get(pair);
    return { ...diff, changedRows: pc?.rows ?? 0, kinds: pc?.kinds ?? {}, ...(prof ? { profile: prof } : {}) };
  });
  const { score, status, reason } = scoreOf({
    rowsSource,
    rowsTarget,
    missingInTarget,
    missingInSource,
    changed,
    duplicates,
    complete,
    columns: columnDiffs,
  });
  return {
    status,
    score,
    ...(reason ? { reason } : {}),
    source: { engine: src.engine, relation: relationName(options.sourceRelation) },
    target: { engine: tgt.engine, relation: relationName(options.targetRelation) },
    key: keyPairs.map((p) => p.source.name),
    rowsSource,
    rowsTarget,
    missingInTarget,
    missingInSource,
    changed,
    duplicates,
    columns: columnDiffs,
    samples,
    complete,
    stats: { queries: counter.queries, segmentsCompared: counter.segments, rowsFetched: counter.fetched, elapsedMs: Date.now() - started },
  };
}

export { floatsEqual };
