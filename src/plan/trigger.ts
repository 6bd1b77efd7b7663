/**
 * Triggers are not models: dbt has no row events. What a trigger enforced becomes dbt tests where it
 * can be checked on the data afterwards:
 *   - an audit column stamped on insert (`SET ModifiedDate = GETDATE()` in an INSERT trigger) → not_null
 *     on it; stamped on UPDATE only, a row never updated keeps NULL there, so nothing can be tested:
 *     the stamp is data the source system delivers (retire when that is all the trigger does);
 *   - a rule that rejects rows (RAISERROR/THROW + ROLLBACK under a condition) → a singular test that
 *     returns the rows the trigger would have rejected (T-SQL text; the dbt writer translates it);
 *   - an audit trail written to a history/log table → retire (snapshots keep history);
 *   - anything else (cascades, INSTEAD OF, derived tables kept in step) → manual.
 */
import { nameWords } from '../assess/assess.js';
import { walk, type AnyNode } from '../catalog/ast/walk.js';
import type { Trigger } from '../catalog/model.js';
import { printExpression, printQuery, type Statement } from '../tsql/index.js';
import { tableSource as printTableSource } from '../tsql/printer/printer.js';
import type { CatalogIndex } from './catalog-index.js';
import type { PlannedTest, RoutinePattern } from './model.js';
import { flatten, parseModule } from './statements.js';
import { isControlTable } from './routine.js';

export interface TriggerVerdict {
  readonly disposition: 'test' | 'manual' | 'retire';
  readonly pattern?: RoutinePattern;
  readonly tests: readonly PlannedTest[];
  readonly reasons: readonly string[];
  /** The table (id) the tests attach to. */
  readonly tableId?: string;
  /** Tables and views (ids) a singular test's SQL reads besides the table itself. */
  readonly reads?: readonly string[];
}

const NOW_FUNCTIONS = new Set(['getdate', 'sysdatetime', 'getutcdate', 'sysutcdatetime', 'current_timestamp', 'sysdatetimeoffset', 'suser_sname', 'suser_name', 'user_name', 'original_login', 'system_user', 'current_user', 'session_user']);
const HISTORY_WORDS = new Set(['history', 'hist', 'audit', 'log', 'logs', 'archive', 'changes', 'changelog']);

function fname(n: AnyNode): string {
  const p = (n as unknown as { name: { parts: readonly ({ name: string } | null)[] } }).name.parts;
  return p[p.length - 1]?.name.toLowerCase() ?? '';
}

function isStamp(e: AnyNode): boolean {
  return e.kind === 'FunctionCall' && NOW_FUNCTIONS.has(fname(e));
}

function rejects(s: Statement): boolean {
  let raise = false;
  walk(s, (n) => {
    if (n.kind === 'Raiserror' || n.kind === 'Throw') raise = true;
    if (n.kind === 'Transaction' && /rollback/i.test(String((n as unknown as { action?: string }).action ?? ''))) raise = true;
    return undefined;
  });
  return raise;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function stampReason(columns: readonly string[]): string {
  const cols = [...new Set(columns)].join(', ');
  return `it stamps ${cols} on UPDATE only: a row never updated keeps NULL there, so no not_null test holds; dbt models rebuild rows instead of updating them, and ${cols} arrives with the source data`;
}

export function planTrigger(t: Trigger, index: CatalogIndex): TriggerVerdict {
  if (!t.parent) {
    return { disposition: 'retire', pattern: 'administration', tests: [], reasons: [`database-level DDL trigger (${t.events.join(', ') || 'DDL events'}): schema-change auditing has no place in a dbt project, which owns the schema`] };
  }
  const parent = index.resolveRef(t.parent);
  const tableId = parent?.kind === 'table' ? parent.id : undefined;
  const pname = `${t.parent.schema}.${t.parent.name}`;
  if (t.timing === 'INSTEAD OF') {
    return { disposition: 'manual', pattern: 'unrecognised', tests: [], reasons: [`INSTEAD OF trigger on ${pname}: it redefines what a write does; dbt models are read-only, so the logic belongs in the models that build the data`], ...(tableId ? { tableId } : {}) };
  }
  const parsed = parseModule(t.definition);
  if (!parsed.create) {
    return { disposition: 'manual', pattern: 'unrecognised', tests: [], reasons: [t.definition ? 'the trigger body could not be read' : 'no definition text: what the trigger enforced is unknown'], ...(tableId ? { tableId } : {}) };
  }
  const flat = flatten(parsed.body);
  const tests: PlannedTest[] = [];
  const reasons: string[] = [];
  const events = t.events.join('/') || 'changes';
  const label = (id: string): string => {
    const o = index.byId.get(id)?.obj;
    return o ? `${o.schema}.${o.name}` : id;
  };

  // Audit columns stamped on the parent table.
  const writesElsewhere: string[] = [];
  const onInsert = t.events.some((e) => /insert/i.test(e));
  /** Columns stamped by an UPDATE-only trigger: NULL until a row's first update, so no not_null. */
  const updateStamps: string[] = [];
  for (const f of flat) {
    const s = f.node;
    if (s.kind === 'Update' && s.target.kind === 'TableRef') {
      let target = index.resolveName(s.target.name, t.schema, ['table']);
      if (!target && s.from) {
        // UPDATE c … FROM T AS c: the alias names the table.
        const alias = s.target.name.parts[s.target.name.parts.length - 1]?.name.toLowerCase();
        walk(s.from as unknown as AnyNode[], (n) => {
          const tr = n as unknown as { kind: string; name: import('../tsql/index.js').ObjectName; alias?: { name: string } };
          if (tr.kind === 'TableRef' && tr.alias?.name.toLowerCase() === alias) target = index.resolveName(tr.name, t.schema, ['table']);
          return undefined;
        });
      }
      if (target && target.id === tableId) {
        for (const it of s.set) {
          if (it.kind === 'SetColumn' && isStamp(it.expr)) {
            const col = it.column.name.parts[it.column.name.parts.length - 1]?.name ?? '';
            if (!onInsert) {
              updateStamps.push(col);
              continue;
            }
            tests.push({ test: 'not_null', column: col, reason: `trigger ${t.schema}.${t.name} sets ${col} to ${printExpression(it.expr)} on ${events}: the loaded data must have it filled` });
          }
        }
        continue;
      }
      if (target) writesElsewhere.push(target.id);
    } else if (s.kind === 'Insert' || s.kind === 'Delete' || s.kind === 'Merge' || s.kind === 'Update') {
      const tgt = s.target.kind === 'TableRef' ? index.resolveName(s.target.name, t.schema, ['table']) : undefined;
      if (tgt) writesElsewhere.push(tgt.id);
    }
  }

  // Rules that reject rows: IF <condition> BEGIN RAISERROR … ROLLBACK END (ELSE IF chains: any holds).
  const conditions: string[] = [];
  /** `IF EXISTS (SELECT … FROM inserted WHERE …)`: the subquery itself lists the offending rows. */
  const existsQueries: string[] = [];
  const testReads = new Set<string>();
  const collectReads = (root: AnyNode): void => {
    walk(root, (n) => {
      if (n.kind === 'TableRef') {
        const hit = index.resolveName((n as unknown as { name: import('../tsql/index.js').ObjectName }).name, t.schema, ['table', 'view']);
        if (hit && hit.id !== tableId) testReads.add(hit.id);
      }
      return undefined;
    });
  };
  for (const f of flat) {
    if (f.node.kind !== 'If') continue;
    if (!rejects(f.node.then)) continue;
    conditions.push(printExpression(f.node.condition));
    let c: AnyNode = f.node.condition;
    while (c.kind === 'Paren') c = (c as unknown as { expr: AnyNode }).expr;
    if (c.kind === 'Exists') existsQueries.push(printQuery((c as unknown as { query: never }).query));
    collectReads(f.node.condition);
  }
  if (conditions.length) {
    // Variables set by SELECT @v = expr … FROM … WHERE … are replaced by their expressions, and that
    // query's FROM/WHERE become the test's; `inserted` is the parent table (its rows after the change).
    const assigns = new Map<string, string>();
    let from = '';
    let where = '';
    for (const f of flat) {
      const s = f.node;
      if (s.kind !== 'SelectStatement' || s.query.body.kind !== 'QuerySpec') continue;
      const qs = s.query.body;
      if (!qs.columns.every((c) => c.kind === 'SelectAssign')) continue;
      for (const c of qs.columns) {
        const a = c as unknown as { variable: { name: string }; expr: AnyNode };
        assigns.set(a.variable.name.toLowerCase(), printExpression(a.expr as never));
      }
      if (qs.from) {
        from = qs.from.map((x) => printTableSource(x)).join(', ');
        for (const x of qs.from) collectReads(x as unknown as AnyNode);
      }
      if (qs.where) where = printExpression(qs.where);
    }
    const substitute = (text: string): string => {
      let out = text;
      for (const [v, e] of [...assigns].sort((a, b) => b[0].length - a[0].length)) out = out.replace(new RegExp(`${escapeRe(v)}(?![\\w@#$])`, 'gi'), `(${e})`);
      return out.replace(/\binserted\b/gi, pname);
    };
    const unresolved = conditions.some((c) => /@\w+/.test(substitute(c)));
    if (!unresolved) {
      const rejected = conditions.map((c) => `(${substitute(c)})`).join(' OR ');
      const sql = existsQueries.length === conditions.length && assigns.size === 0
        ? existsQueries.map(substitute).join('\nUNION ALL\n')
        : from
        ? `SELECT * FROM ${substitute(from)} WHERE ${where ? `(${substitute(where)}) AND ` : ''}(${rejected})`
        : `SELECT * FROM ${pname} WHERE ${rejected}`;
      tests.push({
        test: 'singular',
        arguments: { sql, dialect: 'tsql' },
        reason: `trigger ${t.schema}.${t.name} rejects ${events} of ${pname} when ${conditions.join(' / ')}: the test returns the rows it would have rejected`,
      });
    } else {
      reasons.push(`the rejecting condition(s) ${conditions.join(' / ')} use variables that are not read from the changed rows: no data test could be derived`);
    }
  }

  if (tests.length) {
    reasons.unshift(`trigger on ${pname} (${t.timing} ${events}): dbt has no triggers; what it enforced becomes ${tests.length === 1 ? 'a test' : `${tests.length} tests`} on the model of ${pname}`);
    if (writesElsewhere.length) reasons.push(`its writes to ${[...new Set(writesElsewhere)].map(label).join(', ')} are not reproduced`);
    if (updateStamps.length) reasons.push(stampReason(updateStamps));
    return { disposition: 'test', tests, reasons, ...(tableId ? { tableId } : {}), ...(testReads.size ? { reads: [...testReads].sort() } : {}) };
  }
  const others = [...new Set(writesElsewhere)].sort();
  const isHistory = (id: string): boolean => {
    const o = index.byId.get(id)?.obj;
    return o ? isControlTable(o) || nameWords(o.name).some((w) => HISTORY_WORDS.has(w)) : false;
  };
  if (updateStamps.length && !others.length && !conditions.length) {
    return { disposition: 'retire', pattern: 'logging', tests: [], reasons: [`trigger on ${pname} (${t.timing} ${events}): dbt has no triggers; ${stampReason(updateStamps)}`], ...(tableId ? { tableId } : {}) };
  }
  if (others.length && others.every(isHistory)) {
    return { disposition: 'retire', pattern: 'logging', tests: [], reasons: [`audit trail: copies ${events} of ${pname} into ${others.map(label).join(', ')}; dbt snapshots keep history of the model instead`], ...(tableId ? { tableId } : {}) };
  }
  const what = others.length ? `keeps ${others.map(label).join(', ')} in step with ${pname}` : `runs logic on ${events} of ${pname}`;
  return { disposition: 'manual', pattern: 'unrecognised', tests: [], reasons: [...reasons, `${what}: not a rule a test can check; rebuild it in the models that produce the data`], ...(tableId ? { tableId } : {}) };
}
