import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPackageCatalog } from '../../src/catalog/package/read-package.js';
import { schemaErrors } from './validate-catalog.js';

import { corpusRoot, hasCorpus } from '../helpers/paths.js';

const corpus = path.join(corpusRoot, 'bacpac');
const clinicPath = path.join(corpus, 'Clinic.bacpac');
const contosoPath = path.join(corpus, 'contosohr.bacpac');

/*
 * Expected numbers were taken from the packages independently of this code:
 *  - Origin.xml of Clinic.bacpac lists ObjectCounts Table 9, SimpleColumn 45, PrimaryKeyConstraint 9,
 *    ForeignKeyConstraint 7, Index 9 (DacFx wrote those at export time);
 *  - `grep -c 'Element Type="SqlSimpleColumn" Name="[dbo].[<table>].'` on model.xml per table gives
 *    the per-table column counts below;
 *  - `grep -c 'Name="IsNullable" Value="False"'` gives 34, so 45 - 34 = 11 columns are nullable
 *    (DacFx omits IsNullable when it is True);
 *  - `grep -B3 IsIdentity` names the three identity columns; all seven FKs carry OnDeleteAction=1
 *    (cascade) and none an OnUpdateAction; only RoleNameIndex and UserNameIndex carry IsUnique;
 *  - `unzip -lv Clinic.bacpac` lists 9 .BCP parts with the sizes asserted below.
 */
describe.skipIf(!hasCorpus)('Clinic.bacpac (real export, SQL Server 2016, model schema 2.5)', async () => {
  const catalog = await readPackageCatalog(clinicPath);
  const table = (name: string) => catalog.tables.find((t) => t.name === name)!;

  it('reads without errors and matches the JSON Schema', () => {
    expect(catalog.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(schemaErrors(catalog)).toEqual([]);
    expect(catalog.sources).toEqual([
      {
        kind: 'bacpac',
        path: clinicPath,
        database: 'Clinic',
        serverVersion: 'Microsoft SQL Server 2016 (CTP3.1) - 13.0.811.168 (X64)',
        formatVersion: '2.5',
      },
    ]);
  });

  it('has every table with its exact column count', () => {
    const counts = Object.fromEntries(catalog.tables.map((t) => [`${t.schema}.${t.name}`, t.columns.length]));
    expect(counts).toEqual({
      'dbo.__MigrationHistory': 4,
      'dbo.ApplicationUserPatients': 2,
      'dbo.AspNetRoles': 2,
      'dbo.AspNetUserClaims': 4,
      'dbo.AspNetUserLogins': 3,
      'dbo.AspNetUserRoles': 2,
      'dbo.AspNetUsers': 12,
      'dbo.Patients': 10,
      'dbo.Visits': 6,
    });
    const columns = catalog.tables.flatMap((t) => t.columns);
    expect(columns).toHaveLength(45);
    expect(columns.filter((c) => c.nullable)).toHaveLength(11);
  });

  it('reads identity, types with length/scale/max', () => {
    const identities = catalog.tables.flatMap((t) => t.columns.filter((c) => c.identity).map((c) => `${t.name}.${c.name}`));
    expect(identities).toEqual(['AspNetUserClaims.Id', 'Patients.PatientID', 'Visits.VisitID']);
    expect(table('Visits').columns[0]).toEqual({ name: 'VisitID', type: { name: 'int' }, nullable: false, identity: { seed: 1, increment: 1 } });
    expect(table('__MigrationHistory').columns.map((c) => c.type)).toEqual([
      { name: 'nvarchar', length: 150 },
      { name: 'nvarchar', length: 300 },
      { name: 'varbinary', max: true },
      { name: 'nvarchar', length: 32 },
    ]);
    expect(table('Patients').columns.find((c) => c.name === 'BirthDate')?.type).toEqual({ name: 'datetime2', scale: 7 });
  });

  it('has 9 primary keys, 7 cascading foreign keys and 9 indexes', () => {
    expect(catalog.tables.filter((t) => t.primaryKey)).toHaveLength(9);
    expect(table('AspNetUserLogins').primaryKey).toEqual({ name: 'PK_dbo.AspNetUserLogins', columns: ['LoginProvider', 'ProviderKey', 'UserId'], clustered: true });
    const fks = catalog.tables.flatMap((t) => t.foreignKeys);
    expect(fks).toHaveLength(7);
    expect(fks.every((fk) => fk.onDelete === 'CASCADE' && fk.onUpdate === 'NO ACTION')).toBe(true);
    expect(table('Visits').foreignKeys).toEqual([
      {
        name: 'FK_dbo.Visits_dbo.Patients_PatientID',
        columns: ['PatientID'],
        referencedTable: { schema: 'dbo', name: 'Patients', objectKind: 'table' },
        referencedColumns: ['PatientID'],
        onDelete: 'CASCADE',
        onUpdate: 'NO ACTION',
      },
    ]);
    const indexes = catalog.tables.flatMap((t) => t.indexes);
    expect(indexes).toHaveLength(9);
    expect(indexes.filter((i) => i.unique).map((i) => i.name)).toEqual(['RoleNameIndex', 'UserNameIndex']);
    expect(catalog.dependencies.filter((d) => d.kind === 'references')).toHaveLength(7);
  });

  it('lists the table data parts with their sizes', () => {
    const parts = catalog.tables.flatMap((t) => t.dataParts ?? []);
    expect(parts).toHaveLength(9);
    expect(table('__MigrationHistory').dataParts).toEqual([
      { part: 'Data/dbo.__MigrationHistory/TableData-001-00000.BCP', compressedSize: 6024, uncompressedSize: 6162 },
      { part: 'Data/dbo.__MigrationHistory/TableData-002-00000.BCP', compressedSize: 3274, uncompressedSize: 3269 },
      { part: 'Data/dbo.__MigrationHistory/TableData-003-00000.BCP', compressedSize: 3529, uncompressedSize: 3524 },
    ]);
    expect(table('Patients').dataParts).toEqual([{ part: 'Data/dbo.Patients/TableData-000-00000.BCP', compressedSize: 13489, uncompressedSize: 37667 }]);
    // Tables that were empty at export have no parts at all.
    expect(table('AspNetRoles').dataParts).toBeUndefined();
  });
});

/*
 * contosohr.bacpac: Origin.xml ObjectCounts Table 1, SimpleColumn 5, PrimaryKeyConstraint 1; model.xml
 * (5,566 bytes, read in full) declares EmployeeID int identity, SSN char(11), FirstName/LastName
 * nvarchar(50), Salary money, all NOT NULL; one data part of 16,762 bytes.
 */
describe.skipIf(!hasCorpus)('contosohr.bacpac (real export, SQL Server 2019, model schema 2.9)', async () => {
  const catalog = await readPackageCatalog(contosoPath);

  it('reads the one table completely', () => {
    expect(catalog.diagnostics).toEqual([]);
    expect(schemaErrors(catalog)).toEqual([]);
    expect(catalog.tables).toHaveLength(1);
    const [employees] = catalog.tables;
    expect(employees!.columns.map((c) => [c.name, c.type, c.nullable])).toEqual([
      ['EmployeeID', { name: 'int' }, false],
      ['SSN', { name: 'char', length: 11 }, false],
      ['FirstName', { name: 'nvarchar', length: 50 }, false],
      ['LastName', { name: 'nvarchar', length: 50 }, false],
      ['Salary', { name: 'money' }, false],
    ]);
    expect(employees!.primaryKey).toEqual({ name: 'PK_dbo.Employees', columns: ['EmployeeID'], clustered: true });
    expect(employees!.dataParts?.map((p) => p.uncompressedSize)).toEqual([16762]);
    expect(catalog.sources[0]).toMatchObject({ kind: 'bacpac', database: 'ContosoHR', formatVersion: '2.9' });
  });
});

describe.skipIf(!hasCorpus)('damaged packages', () => {
  it('a truncated .bacpac gives MD2001 and an otherwise empty catalog', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mssql2dbt-bacpac-'));
    const truncated = path.join(dir, 'Clinic-truncated.bacpac');
    const bytes = fs.readFileSync(clinicPath);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const catalog = await readPackageCatalog(truncated);
    expect(catalog.diagnostics.map((d) => d.code)).toEqual(['MD2001']);
    expect(catalog.diagnostics[0]!.message).toContain(truncated);
    expect(catalog.tables).toEqual([]);
    expect(schemaErrors(catalog)).toEqual([]);
  });

  it('a missing file gives MD2001, not an exception', async () => {
    const catalog = await readPackageCatalog(path.join(os.tmpdir(), 'no-such-dir-mssql2dbt', 'x.dacpac'));
    expect(catalog.diagnostics.map((d) => d.code)).toEqual(['MD2001']);
  });
});
