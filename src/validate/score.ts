/**
 * Score and status of one comparison (documented in README.md "Score"):
 *   rowPart    = matchedRows / max(rowsSource, rowsTarget)   (1 when both are empty)
 *   matchedRows = rowsSource − missingInTarget − changed − duplicates (at least 0)
 *   schemaPart = columns without a blocking schema difference / all columns
 *   score      = round(100 × (0.8 × rowPart + 0.2 × schemaPart)), at most 99 unless verified.
 * verified: equal counts, no missing, changed or duplicated rows, no blocking schema difference,
 * no column-profile difference and a complete row comparison. Otherwise mismatch.
 */
import type { ColumnDiff, Status } from './types.js';

export interface ScoreInput {
  readonly rowsSource: number;
  readonly rowsTarget: number;
  readonly missingInTarget: number;
  readonly missingInSource: number;
  readonly changed: number;
  readonly duplicates: number;
  readonly complete: boolean;
  readonly columns: readonly ColumnDiff[];
}

export function scoreOf(r: ScoreInput): { score: number; status: Status; reason?: string } {
  const denominator = Math.max(r.rowsSource, r.rowsTarget);
  const matched = Math.max(0, r.rowsSource - r.missingInTarget - r.changed - r.duplicates);
  const rowPart = denominator === 0 ? 1 : Math.min(1, matched / denominator);
  const blocking = r.columns.filter((c) => c.schema.some((d) => d.blocking));
  const schemaPart = r.columns.length === 0 ? 1 : (r.columns.length - blocking.length) / r.columns.length;
  const profiled = r.columns.filter((c) => (c.profile?.differences.length ?? 0) > 0);
  const reasons: string[] = [];
  if (r.rowsSource !== r.rowsTarget) reasons.push(`row counts ${r.rowsSource} → ${r.rowsTarget}`);
  if (r.missingInTarget) reasons.push(`${r.missingInTarget} missing in target`);
  if (r.missingInSource) reasons.push(`${r.missingInSource} missing in source`);
  if (r.changed) reasons.push(`${r.changed} changed`);
  if (r.duplicates) reasons.push(`${r.duplicates} duplicated keys`);
  if (blocking.length) reasons.push(`schema: ${blocking.map((c) => c.source ?? c.target).join(', ')}`);
  if (profiled.length) reasons.push(`profiles differ: ${profiled.map((c) => c.source).join(', ')}`);
  if (!r.complete) reasons.push('row comparison stopped at maxFetchRows');
  const verified = reasons.length === 0;
  let score = Math.round(100 * (0.8 * rowPart + 0.2 * schemaPart));
  if (!verified) score = Math.min(score, 99);
  return verified ? { score, status: 'verified' } : { score, status: 'mismatch', reason: reasons.join('; ') };
}
