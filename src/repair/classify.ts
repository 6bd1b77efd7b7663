/**
 * The catalogue of known failure causes: a dbt node's error message (from DuckDB or PostgreSQL,
 * as dbt reports it) → one cause with the names it mentions. Rules (rules.ts) fix by cause; reports
 * group by it. The patterns are the engines' own wording (DuckDB 1.5, PostgreSQL 15), checked by
 * tests that provoke each error on the real engines.
 */

export type FailureCause =
  | 'unknown-function'
  | 'type-mismatch'
  | 'conversion-error'
  | 'ambiguous-column'
  | 'missing-column'
  | 'missing-relation'
  | 'syntax-error'
  | 'group-by'
  | 'division-by-zero'
  | 'numeric-overflow'
  | 'value-too-long'
  | 'duplicate-key'
  | 'null-in-not-null'
  | 'relationship-violation'
  | 'accepted-values-violation'
  | 'test-failure'
  | 'dependency-failed'
  | 'unknown';

export interface Failure {
  readonly cause: FailureCause;
  /** The name the message is about (function, column, relation, token), as the engine printed it. */
  readonly subject?: string;
  /** The engine's own suggestion (`Perhaps you meant …`, `Candidate bindings: …`, `Did you mean …`). */
  readonly candidates: readonly string[];
  /** The first line of the message, trimmed: what a person reads first. */
  readonly summary: string;
  readonly message: string;
}

interface Pattern {
  readonly cause: FailureCause;
  readonly re: RegExp;
}

/** Order matters: the first match wins (specific wordings before general ones). */
const PATTERNS: readonly Pattern[] = [
  // DuckDB: Catalog Error: Scalar Function with name isnull does not exist!
  { cause: 'unknown-function', re: /(?:Scalar|Aggregate|Table) Function with name "?([\w.$]+)"? does not exist/i },
  // PostgreSQL: function isnull(integer, integer) does not exist (also when argument types do not fit)
  { cause: 'unknown-function', re: /function ([\w.$"]+)\([^)]*\) does not exist/i },
  // DuckDB: No function matches the given name and argument types 'date_diff(…)'
  { cause: 'type-mismatch', re: /No function matches the given name and argument types '([\w.$]+)\(/i },
  { cause: 'type-mismatch', re: /Cannot compare values of type (\w+) and type (\w+)/i },
  { cause: 'type-mismatch', re: /operator does not exist: ([^\n]+)/i },
  { cause: 'type-mismatch', re: /Cannot mix values of type (\w+) and (\w+)/i },
  { cause: 'type-mismatch', re: /(?:argument|column) "?(\w*)"? is of type [\w ]+ but expression is of type/i },
  { cause: 'conversion-error', re: /Could not convert (?:string )?'?([^'\n]*)'? to (\w+)/i },
  { cause: 'conversion-error', re: /invalid input syntax for type (\w+)/i },
  { cause: 'ambiguous-column', re: /Ambiguous reference to column name "([^"]+)"/i },
  { cause: 'ambiguous-column', re: /column reference "([^"]+)" is ambiguous/i },
  { cause: 'missing-column', re: /Referenced column "([^"]+)" not found/i },
  { cause: 'missing-column', re: /column "([^"]+)" does not exist/i },
  { cause: 'missing-column', re: /Values list "[^"]+" does not have a column named "([^"]+)"/i },
  { cause: 'missing-column', re: /column ([\w.]+) does not exist/i },
  { cause: 'missing-relation', re: /Table with name "?([\w.$]+)"? does not exist/i },
  { cause: 'missing-relation', re: /relation "([^"]+)" does not exist/i },
  { cause: 'missing-relation', re: /Compilation Error[\s\S]*?depends on a node named '([^']+)' which was not found/i },
  { cause: 'group-by', re: /column "?([^"\s]+)"? must appear in the GROUP BY clause/i },
  { cause: 'division-by-zero', re: /division by zero|Division by zero/ },
  { cause: 'numeric-overflow', re: /(?:out of range|Overflow in|numeric field overflow)/i },
  { cause: 'value-too-long', re: /value too long for type ([\w ]+\(\d+\))/i },
  { cause: 'syntax-error', re: /syntax error at or near "([^"]*)"/i },
  { cause: 'syntax-error', re: /syntax error at end of input/i },
  { cause: 'dependency-failed', re: /Skipping due to (?:error|failure|test failure)|upstream (?:node|model) failed/i },
];

/** Candidate names the engine suggests, for rules that accept a suggestion only when it is unambiguous. */
function candidatesOf(message: string): string[] {
  const out: string[] = [];
  // PostgreSQL: HINT:  Perhaps you meant to reference the column "o.OrderID".
  for (const m of message.matchAll(/Perhaps you meant to reference the column "([^"]+)"/g)) out.push(m[1]!);
  // DuckDB: Candidate bindings: "OrderID", "o.OrderDate"
  const bindings = /Candidate bindings: ([^\n]+)/.exec(message);
  if (bindings) for (const m of bindings[1]!.matchAll(/"([^"]+)"/g)) out.push(m[1]!);
  // DuckDB: Did you mean "main.orders"?
  for (const m of message.matchAll(/Did you mean "([^"]+)"/g)) out.push(m[1]!);
  return [...new Set(out)];
}

/**
 * Test failures carry no engine error: dbt says `Got 3 results, configured to fail if != 0` for a test
 * named after its kind (`unique_orders_order_id`, `not_null_…`, `relationships_…`, `accepted_values_…`).
 */
export function classifyTestFailure(testName: string, message: string): Failure {
  const name = testName.toLowerCase();
  const cause: FailureCause = name.startsWith('unique') || name.includes('unique_combination') ? 'duplicate-key'
    : name.startsWith('not_null') ? 'null-in-not-null'
      : name.startsWith('relationships') ? 'relationship-violation'
        : name.startsWith('accepted_values') ? 'accepted-values-violation'
          : 'test-failure';
  return { cause, subject: testName, candidates: [], summary: `test ${testName} failed: ${firstLine(message)}`, message };
}

function firstLine(message: string): string {
  const line = message.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
  return line.length > 240 ? `${line.slice(0, 237)}...` : line;
}

export function classifyFailure(message: string): Failure {
  for (const p of PATTERNS) {
    const m = p.re.exec(message);
    if (m) {
      const subject = m[1]?.replace(/^"|"$/g, '');
      return { cause: p.cause, ...(subject ? { subject } : {}), candidates: candidatesOf(message), summary: firstLine(message), message };
    }
  }
  return { cause: 'unknown', candidates: candidatesOf(message), summary: firstLine(message), message };
}
