/**
 * Scalar functions as dbt macros. A body that is more than `RETURN expr` (DECLARE, SET, early
 * `IF … RETURN …`) is folded into one expression: variables are substituted by their current
 * value, early returns become CASE branches (`CASE WHEN cond THEN x … ELSE final END`). Loops and
 * anything else are not folded. And the other side: calls of those functions in translated models
 * become macro calls, `{{ fn_net_amount("s.Quantity * s.UnitPrice", "s.DiscountPct") }}`.
 */
import type { Expr, Query, Stmt } from '../translate/ir.js';
import { mapQuery } from '../translate/passes/walk.js';
import { printExpression, type Statement } from '../tsql/index.js';
import type { Expression } from '../tsql/ast/index.js';
import type { GenContext } from './context.js';
import { objectKey } from './names.js';

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The function's body as one T-SQL expression, or undefined when it cannot be folded. */
export function foldScalarBody(body: readonly Statement[]): string | undefined {
  const values = new Map<string, string>();
  const branches: { when: string; then: string }[] = [];
  const subst = (e: Expression): string => {
    let text = printExpression(e);
    // Longest names first, so @Net does not eat the start of @NetTotal.
    for (const [v, x] of [...values].sort((a, b) => b[0].length - a[0].length)) {
      text = text.replace(new RegExp(`${escapeRe(v)}(?![\\w@#$])`, 'gi'), `(${x})`);
    }
    return text;
  };
  const done = (ret: string) => (branches.length ? `CASE ${branches.map((b) => `WHEN ${b.when} THEN ${b.then}`).join(' ')} ELSE ${ret} END` : ret);
  const walk = (list: readonly Statement[]): string | undefined | null => {
    for (const s of list) {
      switch (s.kind) {
        case 'Block': {
          const r = walk(s.statements);
          if (r !== null) return r;
          break;
        }
        case 'Declare':
          for (const item of s.items) {
            if (item.kind !== 'DeclareVariable') return undefined;
            values.set(item.name.name, item.init ? subst(item.init) : 'NULL');
          }
          break;
        case 'SetVariable':
          if (s.op !== '=') return undefined;
          values.set(s.variable.name, subst(s.expr));
          break;
        case 'If': {
          const one = (x: Statement | undefined) => (x && x.kind === 'Block' && x.statements.length === 1 ? x.statements[0]! : x);
          const then = one(s.then);
          const els = one(s.else);
          if (then?.kind === 'Return' && then.expr && !els) {
            branches.push({ when: subst(s.condition), then: subst(then.expr) });
            break;
          }
          // IF c SET @v = a [ELSE SET @v = b]: @v becomes CASE WHEN c THEN a ELSE b (or its value so far) END.
          if (then?.kind === 'SetVariable' && then.op === '=' && (!els || (els.kind === 'SetVariable' && els.op === '=' && els.variable.name === then.variable.name))) {
            const v = then.variable.name;
            const before = values.get(v) ?? 'NULL';
            const otherwise = els?.kind === 'SetVariable' ? subst(els.expr) : `(${before})`;
            values.set(v, `CASE WHEN ${subst(s.condition)} THEN ${subst(then.expr)} ELSE ${otherwise} END`);
            break;
          }
          return undefined;
        }
        case 'Return':
          return s.expr ? done(subst(s.expr)) : undefined;
        default:
          return undefined;
      }
    }
    return null; // fell off the end of this block
  };
  const r = walk(body);
  return r === null ? undefined : r;
}

/**
 * Calls of migrated scalar functions → `{{ macro("arg sql", …) }}`. An argument whose SQL already holds
 * Jinja cannot be passed as a string; such a call stays as it is (the translator marked it MD3004).
 */
export function macroCalls(ctx: GenContext, query: Query, moduleSchema: string, print: (node: Stmt | Query | Expr) => string): Query {
  const macros = ctx.macros;
  if (!macros.size) return query;
  return mapQuery(query, {
    exprKinds: new Set(['Fn', 'Marked']),
    expr(e) {
      // The translator marked the call as unknown (MD3004); a call that became a macro call drops the mark.
      if (e.kind === 'Marked' && e.code === 'MD3004' && e.expr.kind === 'Raw' && e.expr.text.startsWith('{{ ')) return e.expr;
      if (e.kind !== 'Fn' || e.fn !== 'User' || !e.name?.length) return e;
      // The catalog knows the function by the name as written, before the schema map.
      const written = e.written ?? e.name;
      const name = written[written.length - 1]!.name;
      const schema = written.length > 1 ? written[written.length - 2]!.name : undefined;
      const macro = (schema ? [schema] : [moduleSchema, 'dbo']).map((s) => macros.get(objectKey(s, name))).find(Boolean);
      if (!macro) return e;
      const jinja: string[] = [];
      for (const a of e.args) {
        const sql = print(a).replace(/\/\* mssql2dbt: MD30(04|12)[^*]*\*\/ /g, '').trim();
        // An argument that is one Jinja expression (`{{ var('x') }}`, a macro argument) is passed as that expression.
        const whole = /^\{\{ (.*) \}\}$/.exec(sql);
        if (whole && !whole[1]!.includes('{{') && !whole[1]!.includes('}}')) jinja.push(whole[1]!);
        else if (sql.includes('{{') || sql.includes('{%')) return e;
        else jinja.push(JSON.stringify(sql));
      }
      return { kind: 'Raw', text: `{{ ${macro}(${jinja.join(', ')}) }}` };
    },
  });
}
