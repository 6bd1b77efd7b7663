/**
 * Assessments of every corpus folder (read in place from ../shared/corpus), through the CLI, with
 * the reasoning checked on cases known from reading the scripts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssessedObject, Assessment } from '../../src/assess/model.js';
import { main } from '../../src/cli/main.js';
import { corpusRoot, hasCorpus } from '../helpers/paths.js';
import { assessmentSchemaErrors } from './validate-assessment.js';

const CORPORA = ['northwind', 'pubs', 'adventureworks-dw', 'wwi-dw'] as const;

describe.skipIf(!hasCorpus)('assessment of the corpus', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'assess-corpus-'));
  const results = new Map<string, Assessment>();
  const output = new Map<string, string>();
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  beforeAll(async () => {
    for (const c of CORPORA) {
      const out: string[] = [];
      const dir = path.join(tmp, c);
      const code = await main(['assess', path.join(corpusRoot, c), '-o', dir], (s) => out.push(s), (s) => out.push(s));
      output.set(c, `${code}\n${out.join('\n')}`);
      results.set(c, JSON.parse(readFileSync(path.join(dir, 'assessment.json'), 'utf8')) as Assessment);
    }
  });

  const get = (corpus: string, id: string): AssessedObject => {
    const o = results.get(corpus)!.objects.find((x) => x.id === id);
    if (!o) throw new Error(`${id} not in the ${corpus} assessment`);
    return o;
  };

  it.each(CORPORA)('%s: every file is written, valid, and every kept object is in a wave', (c) => {
    const a = results.get(c)!;
    expect(output.get(c)).toMatch(/^0\n/);
    expect(assessmentSchemaErrors(a)).toEqual([]);
    expect(a.objects.length).toBeGreaterThan(10);
    expect(a.waves.length).toBeGreaterThan(0);
    for (const o of a.objects) {
      if (o.disposition === 'retire') expect(o.wave).toBeUndefined();
      else expect(o.wave).toBeGreaterThanOrEqual(1);
      for (const d of o.dependsOn) {
        const dep = a.objects.find((x) => x.id === d)!;
        if (o.wave !== undefined && dep.wave !== undefined && !a.cycles.some((cy) => cy.includes(d) && cy.includes(o.id))) expect(dep.wave).toBeLessThan(o.wave);
      }
    }
    expect(a.summary.effortHours).toBeGreaterThan(0);
    const html = readFileSync(path.join(tmp, c, 'assessment.html'), 'utf8');
    expect(html).toContain('<svg id="dep-graph"');
    expect(readFileSync(path.join(tmp, c, 'assessment.md'), 'utf8')).toContain('## Waves');
  });

  it("northwind: 'Ten Most Expensive Products' is flagged for SET ROWCOUNT", () => {
    const p = get('northwind', 'procedure:dbo.Ten Most Expensive Products');
    expect(p.metrics.setRowcount).toBe(true);
    expect(p.diagnostics.map((d) => d.code)).toContain('MD8001');
    expect(p.disposition).toBe('migrate with review');
    expect(p.reasons.join(' ')).toMatch(/SET ROWCOUNT 10/);
    // Its siblings without ROWCOUNT are not flagged.
    expect(get('northwind', 'procedure:dbo.CustOrderHist').metrics.setRowcount).toBe(false);
  });

  it('wwi-dw: the MigrateStaged*Data procedures are high (SCD logic, transactions)', () => {
    const a = results.get('wwi-dw')!;
    const migrate = a.objects.filter((o) => /^procedure:Integration\.MigrateStaged.*Data$/.test(o.id));
    expect(migrate).toHaveLength(13);
    for (const o of migrate) {
      expect(['high', 'very high'], o.id).toContain(o.level);
      expect(o.metrics.transactions, o.id).toBe(true);
      expect(o.reasons.join(' '), o.id).toMatch(/transactions/);
      expect(o.disposition, o.id).toBe('migrate with review');
    }
    // Dimension loads with validity periods are SCD type 2; fact loads are not.
    expect(get('wwi-dw', 'procedure:Integration.MigrateStagedCustomerData').metrics.scd).toBe(true);
    expect(get('wwi-dw', 'procedure:Integration.MigrateStagedCustomerData').reasons.join(' ')).toMatch(/slowly changing dimension/);
    expect(get('wwi-dw', 'procedure:Integration.MigrateStagedMovementData').metrics.merge).toBe(true);
  });

  it('wwi-dw: PopulateDateDimensionForYear is a loop, for manual rewriting', () => {
    const p = get('wwi-dw', 'procedure:Integration.PopulateDateDimensionForYear');
    expect(p.metrics.loops).toBeGreaterThanOrEqual(1);
    expect(p.disposition).toBe('manual');
    expect(p.reasons[0]).toMatch(/WHILE loop/);
  });

  it('wwi-dw: reseed and configuration procedures are retired', () => {
    const a = results.get('wwi-dw')!;
    const ids = ['procedure:Sequences.ReseedAllSequences', 'procedure:Sequences.ReseedSequenceBeyondTableValues',
      ...a.objects.filter((o) => o.id.startsWith('procedure:Application.Configuration_')).map((o) => o.id)];
    expect(ids.length).toBeGreaterThanOrEqual(4);
    for (const id of ids) {
      const o = get('wwi-dw', id);
      expect(o.disposition, id).toBe('retire');
      expect(o.reasons[0], id).toMatch(/administration\/configuration/);
    }
    // The real ETL is not caught by the administration rule.
    expect(get('wwi-dw', 'procedure:Integration.GetLineageKey').disposition).not.toBe('retire');
  });

  it("adventureworks-dw: the DDL trigger is retired with its reason", () => {
    const t = get('adventureworks-dw', 'trigger:dbo.ddlDatabaseTriggerLog');
    expect(t.subkind).toBe('ddl');
    expect(t.disposition).toBe('retire');
    expect(t.reasons[0]).toMatch(/database-level DDL trigger/);
  });

  it('assesses a .bacpac too (definitions from the package model)', async () => {
    const out: string[] = [];
    const dir = path.join(tmp, 'bacpac');
    const code = await main(['assess', path.join(corpusRoot, 'bacpac', 'Clinic.bacpac'), '-o', dir, '--json'], (s) => out.push(s), () => {});
    expect(code).toBe(0);
    const a = JSON.parse(readFileSync(path.join(dir, 'assessment.json'), 'utf8')) as Assessment;
    expect(assessmentSchemaErrors(a)).toEqual([]);
    expect(a.objects.length).toBeGreaterThan(0);
    expect(JSON.parse(out.join('\n')).summary.objects).toBe(a.objects.length);
  });

  it('prints objects by kind and level, effort and waves', () => {
    const text = output.get('wwi-dw')!;
    expect(text).toMatch(/procedure\s+\d+\s+\(low \d+, medium \d+, high \d+, very high \d+\)/);
    expect(text).toMatch(/estimated effort: [\d.]+ h/);
    expect(text).toMatch(/waves: \d+ \(1: \d+/);
  });
});
