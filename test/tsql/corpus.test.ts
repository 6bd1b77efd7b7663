import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeSqlBytes, parseScript, type Statement } from '../../src/tsql/index.js';
import { corpusRoot, filesUnder, hasCorpus } from '../helpers/paths.js';
import { roundTripProblem } from '../helpers/roundtrip.js';

// Every real SQL Server script we were given must parse without a single diagnostic, and every
// statement must survive print → parse unchanged. The corpus sits beside the repository.
const files = hasCorpus ? filesUnder(corpusRoot, '.sql') : [];

function parseFile(file: string) {
  const decoded = decodeSqlBytes(readFileSync(file), file);
  return { decoded, result: parseScript(decoded.text, { file }) };
}

function statementsOf(file: string): Statement[] {
  return parseFile(file).result.script.batches.flatMap((b) => b.statements);
}

describe.skipIf(!hasCorpus)('shared corpus', () => {
  it('finds the corpus scripts', () => {
    expect(files.length).toBeGreaterThanOrEqual(76);
  });

  it.each(files.map((f) => [path.relative(corpusRoot, f), f]))('%s parses with no diagnostics and round-trips', (_name, file) => {
    const { decoded, result } = parseFile(file);
    expect(decoded.diagnostics).toEqual([]);
    expect(result.diagnostics.map((d) => `${d.span?.line}:${d.span?.col} ${d.message}`)).toEqual([]);
    const statements = result.script.batches.flatMap((b) => b.statements);
    expect(statements.length).toBeGreaterThan(0);
    const problems = statements.map((s) => roundTripProblem(s)).filter((p) => p !== undefined);
    expect(problems).toEqual([]);
  });

  it('reads Northwind as 13 tables, 16 views and 7 procedures', () => {
    const s = statementsOf(path.join(corpusRoot, 'northwind/instnwnd.sql'));
    const count = (k: string) => s.filter((x) => x.kind === k).length;
    expect(count('CreateTable')).toBe(13);
    expect(count('CreateView')).toBe(16);
    expect(count('CreateProcedure')).toBe(7);
    // The data arrives as INSERT statements; the three biggest tables have hundreds of rows.
    expect(count('Insert')).toBeGreaterThan(2000);
  });

  it('reads the WideWorldImportersDW MERGE, its SCD procedures and the date loop', () => {
    const dir = path.join(corpusRoot, 'wwi-dw/Integration/Stored Procedures');
    const movement = statementsOf(path.join(dir, 'MigrateStagedMovementData.sql'));
    expect(movement).toHaveLength(1);
    const proc = movement[0]!;
    expect(proc.kind).toBe('CreateProcedure');
    const body = JSON.stringify(proc);
    expect(body).toContain('"kind":"Merge"');
    const customer = JSON.stringify(statementsOf(path.join(dir, 'MigrateStagedCustomerData.sql')));
    // SCD type 2: close the current row (UPDATE … FROM … JOIN) then insert the new version.
    expect(customer).toContain('"kind":"Update"');
    expect(customer).toContain('"kind":"Insert"');
    expect(customer).toContain('"kind":"Transaction"');
    const dateLoop = JSON.stringify(statementsOf(path.join(dir, 'PopulateDateDimensionForYear.sql')));
    expect(dateLoop).toContain('"kind":"While"');
  });

  it('keeps sqlcmd directives and $(Var) names of the AdventureWorksDW script', () => {
    const s = statementsOf(path.join(corpusRoot, 'adventureworks-dw/instawdbdw.sql'));
    const sqlcmd = s.filter((x) => x.kind === 'SqlcmdCommand');
    expect(sqlcmd.map((x) => (x.kind === 'SqlcmdCommand' ? x.command : '')).every((c) => c.startsWith(':'))).toBe(true);
    expect(s.filter((x) => x.kind === 'BulkInsert').length).toBeGreaterThanOrEqual(29);
    expect(s.some((x) => x.kind === 'CreateTrigger' && x.target.kind === 'Database')).toBe(true);
  });
});
