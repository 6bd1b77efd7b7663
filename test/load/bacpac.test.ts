/**
 * .bacpac table data (BCP widenative parts streamed from the zip) for both bacpacs of the corpus.
 * Expected values were decoded by hand from the parts' bytes (see the comments); every part must be
 * consumed to its last byte (no MD5104), and a truncated part loads the rows before the damage.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractCatalog } from '../../src/catalog/extract.js';
import { loadSourceData, type LoadReport } from '../../src/load/index.js';
import { corpusRoot, hasCorpus } from '../helpers/paths.js';
import { startPostgres, type PgHandle } from '../helpers/postgres.js';
import { allTables, catalogOf, duckQuery, pgUrl, removeTempDirs, tempDir, uniqueSchema } from './helpers.js';

const CLINIC = path.join(corpusRoot, 'bacpac/Clinic.bacpac');
const HR = path.join(corpusRoot, 'bacpac/contosohr.bacpac');

describe.skipIf(!hasCorpus)('bacpac BCP data', () => {
  const db = { clinic: '', hr: '' };
  const reports: Record<string, LoadReport> = {};
  let pgh: PgHandle;
  const schema = uniqueSchema('raw_hr');

  beforeAll(async () => {
    for (const [name, file] of [['clinic', CLINIC], ['hr', HR]] as const) {
      const catalog = await catalogOf([file]);
      db[name] = path.join(tempDir(), `${name}.duckdb`);
      reports[name] = await loadSourceData({ catalog, tables: allTables(catalog), inputs: [file], target: { kind: 'duckdb', path: db[name] } });
    }
    pgh = await startPostgres();
    const catalog = await catalogOf([HR]);
    reports['pg'] = await loadSourceData({ catalog, tables: allTables(catalog, schema), inputs: [HR], target: { kind: 'postgres', url: await pgUrl(pgh) } });
    const clinic = await catalogOf([CLINIC]);
    reports['pg-clinic'] = await loadSourceData({ catalog: clinic, tables: allTables(clinic, `${schema}_clinic`), inputs: [CLINIC], target: { kind: 'postgres', url: await pgUrl(pgh) } });
  }, 120_000);
  afterAll(async () => {
    await pgh?.stop();
    removeTempDirs();
  });

  it('decodes every part to its last byte, for every column type the two bacpacs use', () => {
    const rows = (r: LoadReport) => Object.fromEntries(r.tables.map((t) => [t.name, t.rows]));
    expect(rows(reports['clinic']!)).toEqual({
      __MigrationHistory: 4, ApplicationUserPatients: 8, AspNetRoles: 0, AspNetUserClaims: 0, AspNetUserLogins: 0, AspNetUserRoles: 0, AspNetUsers: 2, Patients: 271, Visits: 2,
    });
    expect(rows(reports['hr']!)).toEqual({ Employees: 270 });
    for (const r of [reports['clinic']!, reports['hr']!, reports['pg']!]) {
      for (const t of r.tables) {
        expect(t.diagnostics.filter((d) => d.code !== 'MD5108')).toEqual([]);
        expect(t.source).toBe(t.rows ? 'bacpac' : 'none');
      }
    }
  });

  it('contosohr: int, char(n) NOT NULL (UTF-16, no prefix), nvarchar, money (high then low 32 bits)', async () => {
    // Bytes of row 1: 01000000 | "795-73-9838" ×2 bytes | 1200 "Catherine" | 0800 "Abel" | 00000000 c0d0e312 → 317,920,000 / 10^4.
    expect(await duckQuery(db.hr, `SELECT EmployeeID, SSN, FirstName, LastName, CAST(Salary AS VARCHAR) FROM raw.Employees WHERE EmployeeID <= 2 ORDER BY 1`)).toEqual([
      [1, '795-73-9838', 'Catherine', 'Abel', '31692.0000'],
      [2, '990-00-6818', 'Kim', 'Abercrombie', '990.0000'],
    ]);
    expect(await duckQuery(db.hr, 'SELECT min(EmployeeID), max(EmployeeID), count(DISTINCT EmployeeID) FROM raw.Employees')).toEqual([[1, 270, 270n]]);
    expect(await pgh.query(`SELECT SSN, format_type(atttypid, atttypmod) FROM ${schema}.Employees, pg_attribute WHERE EmployeeID = 1 AND attrelid = '${schema}.employees'::regclass AND attname = 'salary'`)).toEqual([['795-73-9838', 'numeric(19,4)']]);
  });

  it('Clinic: date, nullable date, datetime2, bit (always prefixed), nvarchar(max), varbinary(max), NULLs', async () => {
    // Visits row 1: e43a0b → 735,972 days after 0001-01-01; FollowUpDate prefix ff = NULL.
    expect(await duckQuery(db.clinic, `SELECT VisitID, PatientID, CAST(Date AS VARCHAR), Reason, Treatment, FollowUpDate FROM raw.Visits ORDER BY 1`)).toEqual([
      [1, 1, '2016-01-10', 'Headache', 'A nap', null],
      [2, 1, '2016-01-10', 'Worse headache', 'A longer nap', null],
    ]);
    // Patients row 1: BirthDate prefix 08, 5 time bytes 0, date 4f1f0b.
    expect(await duckQuery(db.clinic, `SELECT SSN, FirstName, LastName, MiddleName, City, ZipCode, State, CAST(BirthDate AS VARCHAR) FROM raw.Patients WHERE PatientID = 1`)).toEqual([
      ['795-73-9838', 'Catherine', 'Abel', 'R.', 'Van Nuys', '91411', 'CA', '1996-09-10 00:00:00'],
    ]);
    const users = await duckQuery(db.clinic, `SELECT UserName, Email, EmailConfirmed, length(PasswordHash), PhoneNumber, LockoutEndDateUtc, LockoutEnabled, AccessFailedCount FROM raw.AspNetUsers ORDER BY UserName`);
    expect(users[0]).toEqual(['alice@contoso.com', null, 0, 68n, null, null, 0, 0]);
    const [[magic, size]] = await duckQuery(db.clinic, `SELECT hex(Model[1:2]), octet_length(Model) FROM raw.__MigrationHistory WHERE MigrationId = '201602170540262_Initial'`);
    expect([magic, Number(size)]).toEqual(['1F8B', 0x0ab5]);
    // The same on PostgreSQL (bytea through COPY's \\x hex form; datetime2 into TIMESTAMP(6)).
    expect(reports['pg-clinic']!.rows).toBe(reports['clinic']!.rows);
    expect(await pgh.query(`SELECT encode(substring(Model from 1 for 2), 'hex'), octet_length(Model) FROM ${schema}_clinic.__MigrationHistory WHERE MigrationId = '201602170540262_Initial'`)).toEqual([['1f8b', '2741']]);
    expect(await pgh.query(`SELECT CAST(BirthDate AS TEXT), EmailConfirmed FROM ${schema}_clinic.Patients, ${schema}_clinic.AspNetUsers WHERE PatientID = 1 AND UserName = 'alice@contoso.com'`)).toEqual([['1996-09-10 00:00:00', '0']]);
  });

  it('a truncated part: MD5104 with the byte offset, the rows before it loaded, other tables untouched', async () => {
    const entries = unzipSync(readFileSync(CLINIC));
    const part = 'Data/dbo.Patients/TableData-000-00000.BCP';
    entries[part] = entries[part]!.subarray(0, entries[part]!.length - 7);
    const broken = path.join(tempDir(), 'broken.bacpac');
    writeFileSync(broken, zipSync(entries));
    const { catalog } = await extractCatalog([broken]);
    const file = path.join(tempDir(), 'broken.duckdb');
    const r = await loadSourceData({ catalog, tables: allTables(catalog), inputs: [broken], target: { kind: 'duckdb', path: file } });
    const patients = r.tables.find((t) => t.name === 'Patients')!;
    expect(patients.rows).toBe(270);
    expect(patients.status).toBe('loaded');
    expect(patients.diagnostics.map((d) => d.code)).toEqual(['MD5104']);
    expect(patients.diagnostics[0]!.message).toMatch(/ends inside a row/);
    expect(r.tables.find((t) => t.name === 'Visits')!.rows).toBe(2);
  });
});
