/** The assessment's rules on small hand-written estates (scripts in a temp folder → extract → assess). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assess, nameWords, normaliseBody } from '../../src/assess/assess.js';
import { stronglyConnected, waveNumbers } from '../../src/assess/graph.js';
import { bodyMetrics } from '../../src/assess/metrics.js';
import type { Assessment, AssessedObject } from '../../src/assess/model.js';
import { renderHtml } from '../../src/assess/report-html.js';
import { renderMarkdown } from '../../src/assess/report-md.js';
import { extractCatalog } from '../../src/catalog/extract.js';
import { main } from '../../src/cli/main.js';
import { assessmentSchemaErrors } from './validate-assessment.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'assess-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const ESTATE = `
CREATE TABLE dbo.Customer (Id int PRIMARY KEY, Name nvarchar(50), ValidTo datetime2 NULL);
GO
CREATE TABLE dbo.Orders (Id int PRIMARY KEY, CustomerId int REFERENCES dbo.Customer(Id), Amount money);
GO
CREATE TABLE dbo.Scratch (Id int);
GO
CREATE VIEW dbo.CustomerOrders AS SELECT c.Name, o.Amount FROM dbo.Customer c JOIN dbo.Orders o ON o.CustomerId = c.Id;
GO
CREATE VIEW dbo.CustomerOrders_old AS SELECT c.Name, o.Amount FROM dbo.Customer c JOIN dbo.Orders o ON o.CustomerId = c.Id WHERE 1 = 1;
GO
CREATE VIEW dbo.BigSpenders AS SELECT Name FROM dbo.CustomerOrders WHERE Amount > (SELECT AVG(Amount) FROM dbo.Orders);
GO
CREATE VIEW dbo.BigSpenders2 AS SELECT Name FROM dbo.CustomerOrders WHERE Amount > (SELECT AVG(Amount) FROM dbo.Orders);
GO
CREATE VIEW dbo.PingA AS SELECT Id FROM dbo.PingB;
GO
CREATE VIEW dbo.PingB AS SELECT Id FROM dbo.PingA;
GO
CREATE PROCEDURE dbo.LoadCustomers AS
BEGIN
  SET NOCOUNT ON;
  BEGIN TRY
    BEGIN TRAN;
    UPDATE dbo.Customer SET ValidTo = SYSDATETIME() WHERE Id IN (SELECT Id FROM dbo.Orders);
    INSERT dbo.Customer (Id, Name) SELECT Id, 'x' FROM dbo.Orders;
    COMMIT;
  END TRY
  BEGIN CATCH
    ROLLBACK; THROW;
  END CATCH
END;
GO
CREATE PROCEDURE dbo.WalkCustomers AS
BEGIN
  DECLARE @id int;
  DECLARE c CURSOR FOR SELECT Id FROM dbo.Customer;
  OPEN c; FETCH NEXT FROM c INTO @id;
  WHILE @@FETCH_STATUS = 0 BEGIN PRINT @id; FETCH NEXT FROM c INTO @id; END
  CLOSE c; DEALLOCATE c;
END;
GO
CREATE PROCEDURE dbo.RunAnything @sql nvarchar(max) AS EXEC (@sql);
GO
CREATE PROCEDURE dbo.Top5 AS
BEGIN
  SET ROWCOUNT 5;
  SELECT Name FROM dbo.Customer ORDER BY Name;
END;
GO
CREATE PROCEDURE dbo.usp_LogError @m nvarchar(100) AS INSERT dbo.Scratch (Id) VALUES (1);
GO
CREATE PROCEDURE dbo.ArchiveCustomersXml AS SELECT Name FROM dbo.Customer FOR XML PATH('c');
GO
CREATE VIEW dbo.RemoteCustomers AS SELECT r.Id FROM OtherDb.dbo.Customers AS r JOIN dbo.Customer AS c ON c.Id = r.Id;
GO
`;

let a: Assessment;
const byId = (id: string): AssessedObject => {
  const o = a.objects.find((x) => x.id === id);
  if (!o) throw new Error(`no ${id} in ${a.objects.map((x) => x.id).join(', ')}`);
  return o;
};

describe('assess on a small estate', () => {
  it('assesses every object and validates against the schema', async () => {
    const dir = path.join(tmp, 'estate');
    (await import('node:fs')).mkdirSync(dir);
    writeFileSync(path.join(dir, 'estate.sql'), ESTATE);
    const { catalog } = await extractCatalog([dir]);
    a = assess(catalog, { translateTarget: false });
    expect(a.formatVersion).toBe(1);
    expect(a.objects).toHaveLength(catalog.tables.length + catalog.views.length + catalog.procedures.length);
    expect(assessmentSchemaErrors(a)).toEqual([]);
    for (const o of a.objects) {
      expect(o.score).toBeGreaterThanOrEqual(0);
      expect(o.score).toBeLessThanOrEqual(100);
      expect(o.reasons.length).toBeGreaterThan(0);
      expect(o.lines).toBeGreaterThan(0);
    }
    expect(a.summary.effortHours).toBeCloseTo(a.objects.reduce((s, o) => s + o.effortHours, 0), 1);
  });

  it('recognises SCD logic, transactions and error handling', () => {
    const p = byId('procedure:dbo.LoadCustomers');
    expect(p.metrics).toMatchObject({ transactions: true, errorHandling: true, scd: true });
    expect(p.disposition).toBe('migrate with review');
    expect(p.reasons.join(' ')).toMatch(/slowly changing dimension/);
    expect(p.reasons.join(' ')).toMatch(/transactions/);
  });

  it('sends cursors, loops and opaque dynamic SQL to manual', () => {
    const w = byId('procedure:dbo.WalkCustomers');
    expect(w.metrics.cursors).toBe(1);
    expect(w.metrics.loops).toBe(1);
    expect(w.disposition).toBe('manual');
    expect(w.reasons[0]).toMatch(/cursor/);
    const d = byId('procedure:dbo.RunAnything');
    expect(d.metrics.dynamicSqlOpaque).toBe(true);
    expect(d.disposition).toBe('manual');
  });

  it('flags SET ROWCOUNT with a diagnostic', () => {
    const t = byId('procedure:dbo.Top5');
    expect(t.metrics.setRowcount).toBe(true);
    expect(t.diagnostics.map((d) => d.code)).toContain('MD8001');
    expect(t.reasons.join(' ')).toMatch(/SET ROWCOUNT 5/);
  });

  it('retires superseded names, duplicates and logging procedures', () => {
    expect(byId('view:dbo.CustomerOrders_old').disposition).toBe('retire');
    expect(byId('view:dbo.CustomerOrders_old').reasons[0]).toMatch(/superseded/);
    const dup = byId('view:dbo.BigSpenders2');
    expect(dup.disposition).toBe('retire');
    expect(dup.reasons.join(' ')).toMatch(/duplicate of view:dbo\.BigSpenders/);
    expect(byId('view:dbo.BigSpenders').reasons.join(' ')).not.toMatch(/duplicate/);
    expect(byId('procedure:dbo.usp_LogError').disposition).toBe('retire');
    expect(byId('procedure:dbo.ArchiveCustomersXml').metrics.xmlJson).toBe(true);
  });

  it('reports cycles and puts a cycle in one wave after its dependencies', () => {
    expect(a.cycles).toEqual([['view:dbo.PingA', 'view:dbo.PingB']]);
    expect(a.diagnostics.some((d) => d.code === 'MD8002')).toBe(true);
    expect(byId('view:dbo.PingA').wave).toBe(byId('view:dbo.PingB').wave);
    // Dependencies move first: tables, then the view over them, then the view over that.
    expect(byId('table:dbo.Customer').wave).toBe(1);
    expect(byId('table:dbo.Orders').wave).toBe(2); // FK to Customer
    expect(byId('view:dbo.CustomerOrders').wave).toBe(3);
    expect(byId('view:dbo.BigSpenders').wave).toBe(4);
    expect(byId('view:dbo.CustomerOrders_old').wave).toBeUndefined(); // retired
    for (const w of a.waves) for (const id of w.objects) for (const dep of byId(id).dependsOn) {
      const dw = byId(dep).wave;
      if (dw !== undefined && !a.cycles.some((c) => c.includes(id) && c.includes(dep))) expect(dw).toBeLessThan(w.number);
    }
  });

  it('reports references to other databases', () => {
    expect(a.externalReferences).toEqual([{ from: 'view:dbo.RemoteCustomers', target: 'OtherDb.dbo.Customers', database: 'OtherDb' }]);
    const v = byId('view:dbo.RemoteCustomers');
    expect(v.diagnostics.map((d) => d.code)).toContain('MD8003');
    expect(v.reasons.join(' ')).toMatch(/other databases/);
    expect(a.summary.externalReferences).toBe(1);
  });

  it('takes its effort assumptions from options', async () => {
    const { catalog } = await extractCatalog([path.join(tmp, 'estate')]);
    const b = assess(catalog, { translateTarget: false, baseHours: { table: 10 }, retireHours: 0 });
    expect(b.assumptions.baseHours.table).toBe(10);
    expect(b.assumptions.baseHours.view).toBe(1);
    const t = b.objects.find((o) => o.id === 'table:dbo.Customer')!;
    expect(t.effortHours).toBe(10 * b.assumptions.levelMultiplier[t.level]);
    expect(b.objects.filter((o) => o.disposition === 'retire').every((o) => o.effortHours === 0)).toBe(true);
  });

  it('renders escaped HTML and Markdown', () => {
    const evil = JSON.parse(JSON.stringify(a)) as { objects: { name: string; reasons: string[] }[] };
    evil.objects[0]!.name = '<script>alert(1)</script>';
    evil.objects[0]!.reasons = ['a | b <img src=x onerror=alert(1)>'];
    const html = renderHtml(evil as unknown as Assessment);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<img/);
    expect(html).not.toMatch(/\b(src|href)=["']?https?:/); // self-contained
    expect(html).toContain('id="dep-graph"');
    const md = renderMarkdown(a);
    expect(md).toMatch(/^# Migration assessment/);
    expect(md).toContain('| wave | objects | effort (h) |');
  });
});

describe('building blocks', () => {
  it('splits names into words', () => {
    expect(nameWords('Configuration_ApplyPolybase')).toEqual(['configuration', 'apply', 'polybase']);
    expect(nameWords('ReseedAllSequences')).toEqual(['reseed', 'all', 'sequences']);
    expect(nameWords('uspLogError')).toEqual(['usp', 'log', 'error']);
  });

  it('normalises bodies without the object name, comments or layout', () => {
    const x = normaliseBody('CREATE VIEW dbo.A AS -- hi\n SELECT 1', 'dbo', 'A');
    const y = normaliseBody('create   view [dbo].[B] as /* x */ select 1', 'dbo', 'B');
    expect(x).toBe(y);
  });

  it('counts nesting depth and joins', () => {
    const m = bodyMetrics('CREATE PROCEDURE p AS IF 1=1 BEGIN WHILE 1=1 BEGIN SELECT * FROM a JOIN b ON 1=1 JOIN c ON 1=1 WHERE x IN (SELECT y FROM d) END END');
    expect(m.nestingDepth).toBe(3);
    expect(m.joins).toBe(2);
    expect(m.loops).toBe(1);
    expect(m.subqueries).toBe(1);
  });

  it('collapses cycles and layers the graph', () => {
    const g = new Map<string, Set<string>>([['a', new Set()], ['b', new Set(['a', 'c'])], ['c', new Set(['b'])], ['d', new Set(['c'])]]);
    const comps = stronglyConnected(g);
    expect(comps.filter((c) => c.length > 1)).toEqual([['b', 'c']]);
    const w = waveNumbers(g, comps);
    expect([w.get('a'), w.get('b'), w.get('c'), w.get('d')]).toEqual([1, 2, 2, 3]);
  });

  it('handles a 20,000-long chain without recursion limits', () => {
    const g = new Map<string, Set<string>>();
    for (let i = 0; i < 20000; i++) g.set(`n${i}`, new Set(i ? [`n${i - 1}`] : []));
    const w = waveNumbers(g, stronglyConnected(g));
    expect(w.get('n19999')).toBe(20000);
  });
});

describe('mssql2dbt assess', () => {
  it('writes the three files and prints a summary', async () => {
    const out: string[] = [];
    const dir = path.join(tmp, 'out');
    const code = await main(['assess', path.join(tmp, 'estate'), '-o', dir], (s) => out.push(s), (s) => out.push(s));
    expect(code).toBe(0);
    const text = out.join('\n');
    expect(text).toMatch(/object\(s\):/);
    expect(text).toMatch(/estimated effort: [\d.]+ h/);
    expect(text).toMatch(/waves: \d+/);
    const json = JSON.parse(readFileSync(path.join(dir, 'assessment.json'), 'utf8'));
    expect(assessmentSchemaErrors(json)).toEqual([]);
    expect(readFileSync(path.join(dir, 'assessment.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
    expect(readFileSync(path.join(dir, 'assessment.md'), 'utf8')).toMatch(/^# Migration assessment/);
  });

  it('reads a metadata.json and prints JSON', async () => {
    const meta = path.join(tmp, 'metadata.json');
    const { catalog } = await extractCatalog([path.join(tmp, 'estate')]);
    writeFileSync(meta, JSON.stringify(catalog));
    const out: string[] = [];
    const code = await main(['assess', meta, '-o', path.join(tmp, 'out2'), '--json'], (s) => out.push(s), () => {});
    expect(code).toBe(0);
    const r = JSON.parse(out.join('\n'));
    expect(r.summary.objects).toBe(a.objects.length);
    expect(r.written).toBe(true);
  });

  it('exits 1 on input errors and 2 on usage errors', async () => {
    const sink = (): void => {};
    expect(await main(['assess', path.join(tmp, 'no-such-dir'), '-o', path.join(tmp, 'out3')], sink, sink)).toBe(1);
    expect(await main(['assess', path.join(tmp, 'estate')], sink, sink)).toBe(2);
    expect(await main(['assess', '-o', path.join(tmp, 'out4')], sink, sink)).toBe(2);
  });
});
