/**
 * Deterministic fixes, one per known cause where a fix exists that keeps SQL Server's meaning.
 * A rule gets the classified failure and the model's SQL and returns the new SQL with a record of
 * what it did and why — or nothing, when it does not apply. Rules never guess: an engine's
 * suggestion is taken only when it differs from the failing name by letter case alone (the classic
 * PostgreSQL folding of a mixed-case column), and renamed functions are those whose arguments and
 * meaning are the same on the target.
 */
import type { Failure, FailureCause } from './classify.js';
import { closingParen, escapeRegExp, matchesInCode, replaceInCode } from './sql-text.js';

export interface RuleFix {
  readonly rule: string;
  readonly what: string;
  readonly why: string;
  readonly sql: string;
}

export interface RuleInput {
  readonly failure: Failure;
  readonly sql: string;
  /** `duckdb`, `postgres`, … */
  readonly target: string;
  /** Reserved words of the target (upper case, as the dialects list them). */
  readonly reserved: ReadonlySet<string>;
}

export interface RepairRule {
  readonly id: string;
  readonly causes: readonly FailureCause[];
  readonly apply: (input: RuleInput) => RuleFix | undefined;
}

/**
 * T-SQL (or other dialects') functions that survive into a model — usually in hand-edited SQL or
 * text the translator kept — and the target's function with the same arguments and meaning.
 */
const FUNCTION_RENAMES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  common: {
    isnull: 'coalesce', nvl: 'coalesce', len: 'length', datalength: 'octet_length', getdate: 'now', sysdatetime: 'now',
    newid: 'gen_random_uuid', stdev: 'stddev_samp', stdevp: 'stddev_pop', var: 'var_samp', varp: 'var_pop',
    ucase: 'upper', lcase: 'lower', ceil: 'ceiling',
  },
  postgres: { ifnull: 'coalesce', strlen: 'length' },
};

/** One-argument date functions PostgreSQL lacks, written with EXTRACT. */
const EXTRACT_FUNCTIONS: Readonly<Record<string, string>> = { year: 'year', month: 'month', day: 'day' };

const renameFunction: RepairRule = {
  id: 'rename-function',
  causes: ['unknown-function'],
  apply({ failure, sql, target }) {
    const name = failure.subject?.split('.').pop()?.replace(/"/g, '').toLowerCase();
    if (!name) return undefined;
    const to = FUNCTION_RENAMES[target]?.[name] ?? FUNCTION_RENAMES.common![name];
    if (to && to !== name) {
      const { text, count } = replaceInCode(sql, new RegExp(`\\b${escapeRegExp(name)}(\\s*\\()`, 'gi'), (g) => `${to}${g[1]}`);
      if (count === 0) return undefined;
      return { rule: 'rename-function', what: `${name}(…) → ${to}(…) (${count} place${count > 1 ? 's' : ''})`, why: `${target} has no ${name}; ${to} takes the same arguments and means the same`, sql: text };
    }
    const part = EXTRACT_FUNCTIONS[name];
    if (part && target === 'postgres') return extractRewrite(sql, name, part);
    return undefined;
  },
};

function extractRewrite(sql: string, name: string, part: string): RuleFix | undefined {
  let text = sql;
  let count = 0;
  // From the last call backwards so earlier offsets stay valid; a nested call (later in the text)
  // is rewritten before the call around it.
  for (const m of matchesInCode(sql, new RegExp(`\\b${escapeRegExp(name)}\\s*\\(`, 'gi')).reverse()) {
    const open = text.indexOf('(', m.index);
    const close = closingParen(text, open);
    if (close < 0) continue;
    text = `${text.slice(0, m.index)}extract(${part} from ${text.slice(open + 1, close)})${text.slice(close + 1)}`;
    count += 1;
  }
  if (count === 0) return undefined;
  return { rule: 'rename-function', what: `${name}(x) → extract(${part} from x) (${count} place${count > 1 ? 's' : ''})`, why: `PostgreSQL has no ${name}(); EXTRACT gives the same number`, sql: text };
}

/** The failing name as the engine printed it, without qualifier. */
function bareName(subject: string | undefined): string | undefined {
  if (!subject) return undefined;
  return subject.split('.').pop()!.replace(/"/g, '');
}

const quoteCaseMismatch: RepairRule = {
  id: 'quote-mixed-case-identifier',
  causes: ['missing-column', 'missing-relation'],
  apply({ failure, sql }) {
    const missing = bareName(failure.subject);
    if (!missing) return undefined;
    const exact = failure.candidates.map(bareName).filter((c): c is string => c !== undefined && c !== missing && c.toLowerCase() === missing.toLowerCase());
    const spellings = [...new Set(exact)];
    if (spellings.length !== 1) return undefined; // no suggestion, or more than one: not ours to choose
    const proper = spellings[0]!;
    const { text, count } = replaceInCode(sql, new RegExp(`(?<![\\w"])${escapeRegExp(proper)}(?![\\w"])`, 'gi'), () => `"${proper}"`);
    if (count === 0) return undefined;
    return {
      rule: 'quote-mixed-case-identifier', what: `${missing} quoted as "${proper}" (${count} place${count > 1 ? 's' : ''})`,
      why: `the relation has the column as "${proper}" and the engine folds unquoted names; the engine's own hint names it`, sql: text,
    };
  },
};

/** Reserved words that are also values or operators in a select list: never quoted as names. */
const EXPRESSION_KEYWORDS = new Set([
  'null', 'true', 'false', 'distinct', 'all', 'case', 'not', 'cast', 'array', 'default', 'user', 'current_date', 'current_time',
  'current_timestamp', 'current_user', 'session_user', 'localtime', 'localtimestamp', 'exists', 'interval', 'any', 'some',
]);

/**
 * Engines report the token *after* a misused reserved word (`select order from t` fails "at or near
 * from"), so the rule looks for reserved words in the places only a name can stand: after a dot or
 * AS, or as a bare item of a select list.
 */
const quoteReservedWord: RepairRule = {
  id: 'quote-reserved-word',
  causes: ['syntax-error'],
  apply({ sql, reserved }) {
    const quoted: string[] = [];
    const { text, count } = replaceInCode(sql, /(\.|\bas\s+|\bselect\s+|,\s*)([A-Za-z_]\w*)\b(?=\s*(?:,|\bfrom\b|\bas\b|\)|$))|(\.|\bas\s+)([A-Za-z_]\w*)\b/gi, (g) => {
      const lead = g[1] ?? g[3] ?? '';
      const word = g[2] ?? g[4] ?? '';
      const lower = word.toLowerCase();
      if (!reserved.has(word.toUpperCase()) || EXPRESSION_KEYWORDS.has(lower) || (lead.trim().toLowerCase() === 'as' && g[4] === undefined && lower === 'from')) return g[0]!;
      quoted.push(word);
      return `${lead}"${word}"`;
    });
    if (count === 0 || quoted.length === 0) return undefined;
    const words = [...new Set(quoted)].join(', ');
    return { rule: 'quote-reserved-word', what: `${words} quoted where used as a name (${quoted.length} place${quoted.length > 1 ? 's' : ''})`, why: `${words} is reserved on the target, an ordinary name on SQL Server`, sql: text };
  },
};

export const RULES: readonly RepairRule[] = [renameFunction, quoteCaseMismatch, quoteReservedWord];

/** The first rule that applies to the failure, with its fix. */
export function findRuleFix(input: RuleInput): RuleFix | undefined {
  for (const rule of RULES) {
    if (!rule.causes.includes(input.failure.cause)) continue;
    const fix = rule.apply(input);
    if (fix && fix.sql !== input.sql) return fix;
  }
  return undefined;
}
