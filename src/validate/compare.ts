/**
 * Row-level comparison in JS, after the engines have narrowed the work to a few segments. Values
 * arrive as canonical texts (see dialect.ts); this is where float tolerance is applied exactly, NFC
 * is applied for engines without a normalise function, and a difference gets its kind.
 */
import type { CompareRule } from './column-types.js';
import type { ValueDifferenceKind } from './types.js';

export type Canon = string | null;

/** Parse a canonical float text (`1.234500000e2`) or a raw double. */
export function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : Number(v);
  return Number.isNaN(n) ? null : n;
}

/** Equal within a relative tolerance (absolute below 1). */
export function floatsEqual(a: number, b: number, tolerance: number): boolean {
  if (a === b) return true;
  // ±Infinity only equals itself (the relative tolerance of an infinite value is infinite).
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * Compare two values of one column: undefined when equal, else the kind of difference.
 * `rawA`/`rawB` are the unrounded doubles of float columns.
 */
export function compareValues(rule: CompareRule, a: Canon, b: Canon, rawA?: unknown, rawB?: unknown): ValueDifferenceKind | undefined {
  if (a === b) {
    if (rule.kind !== 'float' || a === null) return undefined;
  }
  if (a === null || b === null) {
    if (a === b) return undefined;
    return (a ?? b) === '' ? 'null-vs-empty' : 'value';
  }
  if (rule.kind === 'float') {
    const x = toNumber(rawA ?? a);
    const y = toNumber(rawB ?? b);
    if (x !== null && y !== null) return floatsEqual(x, y, rule.tolerance) ? undefined : 'value';
    return a === b ? undefined : 'value';
  }
  if (rule.kind === 'string' || rule.kind === 'text') {
    const na = a.normalize('NFC');
    const nb = b.normalize('NFC');
    if (na === nb) return undefined;
    // Case-insensitive source: engines fold case differently (PostgreSQL in the C locale folds ASCII only).
    if (rule.kind === 'string' && rule.lower && na.replace(/ +$/, '').toLowerCase() === nb.replace(/ +$/, '').toLowerCase()) return undefined;
    if (na.replace(/ +$/, '') === nb.replace(/ +$/, '')) return 'trailing-spaces';
    if (na.toLowerCase() === nb.toLowerCase() || na.replace(/ +$/, '').toLowerCase() === nb.replace(/ +$/, '').toLowerCase()) return 'case';
    return 'value';
  }
  return 'value';
}
