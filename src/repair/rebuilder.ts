/**
 * The Rebuilder: given a failed model's SQL and its error, classify the failure and propose the
 * next SQL to try — a deterministic rule first, an AI fixer only when no rule applies. It never
 * accepts anything itself: the orchestrator writes the proposal, runs dbt on it again and keeps it
 * only if the model then builds, passes its tests and its data compares equal.
 */
import { classifyFailure, classifyTestFailure, type Failure } from './classify.js';
import { findRuleFix } from './rules.js';

/** What an AI fixer (a later issue) is given, and what it returns: SQL, or nothing. */
export interface AiFixRequest {
  readonly model: string;
  readonly target: string;
  readonly sql: string;
  readonly failure: Failure;
  /** The T-SQL the model was translated from, when known. */
  readonly original?: string;
  /** Earlier attempts' errors, oldest first. */
  readonly history: readonly string[];
}

export interface AiFixer {
  readonly name: string;
  propose(request: AiFixRequest): Promise<{ readonly sql: string; readonly explanation: string } | undefined>;
}

export interface RepairInput {
  readonly model: string;
  readonly target: string;
  readonly sql: string;
  /** The engine error, or for a test failure the failing test's name and message. */
  readonly error: { readonly kind: 'model'; readonly message: string } | { readonly kind: 'test'; readonly test: string; readonly message: string };
  readonly reserved: ReadonlySet<string>;
  readonly original?: string;
  readonly history?: readonly string[];
  readonly ai?: AiFixer;
}

export type RepairOutcome =
  | { readonly kind: 'fix'; readonly failure: Failure; readonly rule: string; readonly what: string; readonly why: string; readonly sql: string }
  /** Nothing to try: the reason says why (a data problem, no known fix, the AI had nothing). */
  | { readonly kind: 'none'; readonly failure: Failure; readonly reason: string };

/** Causes that are about the data, not the SQL: a rewrite would hide a real difference. */
const DATA_CAUSES = new Set(['duplicate-key', 'null-in-not-null', 'relationship-violation', 'accepted-values-violation', 'test-failure']);

export async function proposeRepair(input: RepairInput): Promise<RepairOutcome> {
  const failure = input.error.kind === 'test' ? classifyTestFailure(input.error.test, input.error.message) : classifyFailure(input.error.message);
  if (failure.cause === 'dependency-failed') return { kind: 'none', failure, reason: 'an upstream node failed; it is repaired first' };
  if (DATA_CAUSES.has(failure.cause)) {
    return { kind: 'none', failure, reason: `${failure.summary}: the data breaks a rule the source declares; the SQL is not changed to hide it` };
  }
  const fix = findRuleFix({ failure, sql: input.sql, target: input.target, reserved: input.reserved });
  if (fix) return { kind: 'fix', failure, rule: fix.rule, what: fix.what, why: fix.why, sql: fix.sql };
  if (input.ai) {
    const proposal = await input.ai.propose({ model: input.model, target: input.target, sql: input.sql, failure, history: input.history ?? [], ...(input.original ? { original: input.original } : {}) });
    if (proposal && proposal.sql.trim() && proposal.sql !== input.sql) {
      return { kind: 'fix', failure, rule: `ai:${input.ai.name}`, what: 'SQL rewritten by the AI fixer', why: proposal.explanation, sql: proposal.sql };
    }
    return { kind: 'none', failure, reason: `no rule applies to ${failure.cause} and the AI fixer (${input.ai.name}) proposed nothing` };
  }
  return { kind: 'none', failure, reason: `no rule applies to ${failure.cause}` };
}
