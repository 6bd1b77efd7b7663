import { parseScript, printStatement, type Statement } from '../../src/tsql/index.js';
import { firstDifference } from '../../src/tsql/tree-compare.js';

/**
 * Prints a statement, re-parses the text, and returns why the trees differ (spans aside), or
 * undefined when the round trip holds.
 */
export function roundTripProblem(statement: Statement): string | undefined {
  const printed = printStatement(statement);
  const again = parseScript(printed, { file: 'printed.sql' });
  if (again.diagnostics.length) return `re-parse: ${again.diagnostics[0]!.message}\n${printed}`;
  const statements = again.script.batches.flatMap((b) => b.statements);
  if (statements.length !== 1) return `re-parse gave ${statements.length} statements\n${printed}`;
  const d = firstDifference(statement, statements[0]);
  return d ? `${d}\n${printed}` : undefined;
}
