/**
 * The live path without a server: the sys.* row → catalog mapping on a hand-written extract of a
 * small database (fixtures/extract-small.json, shaped exactly as extract-catalog.sql emits it:
 * sys.* column names, NULLs left out as FOR JSON does), the connection-target parsing, and a
 * refused connection. No SQL Server runs here, so the query itself is checked by parsing only.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractQueryText, parseConnectionTarget, readLiveCatalog } from '../../src/catalog/live/connect.js';
import { readExtractJsonCatalog } from '../../src/catalog/live/read-extract-json.js';
import { parseScript } from '../../src/tsql/index.js';
import { schemaErrors } from './validate-catalog.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.join(here, 'fixtures', 'extract-small.json');

describe('extract JSON → catalog', () => {
  const catalog = readExtractJsonCatalog(fixture);
  const customer = catalog.tables.find((t) => t.name === 'Customer')!;
  const order = catalog.tables.find((t) => t.name === 'Order')!;

  it('matches the JSON Schema, counts objects and keeps the unresolved name as a diagnostic', () => {
    expect(schemaErrors(catalog)).toEqual([]);
    expect(catalog.sources).toEqual([{ kind: 'extract-json', path: fixture, formatVersion: '1', database: 'Shop', serverVersion: '16.0.4135.4' }]);
    expect([catalog.tables.length, catalog.views.length, catalog.procedures.length, catalog.functions.length, catalog.triggers.length, catalog.sequences.length, catalog.types.length, catalog.synonyms.length]).toEqual([2, 1, 2, 1, 1, 1, 2, 1]);
    expect(catalog.diagnostics.map((d) => [d.code, d.message])).toEqual([['MD2025', '[dbo].[usp_ArchiveOrders] refers to [dbo].[Missing], which is not in the database']]);
  });

  it('maps column types from byte lengths, identity, defaults, computed columns and descriptions', () => {
    expect(customer.columns).toEqual([
      { name: 'CustomerId', type: { name: 'int' }, nullable: false, identity: { seed: 1, increment: 1 } },
      { name: 'Name', type: { name: 'nvarchar', length: 100 }, nullable: false, collation: 'SQL_Latin1_General_CP1_CI_AS', description: 'Full name' },
      { name: 'Email', type: { name: 'varchar', max: true }, nullable: true, collation: 'SQL_Latin1_General_CP1_CI_AS' },
      { name: 'CreatedAt', type: { name: 'datetime2', scale: 3 }, nullable: false, default: '(sysdatetime())', defaultName: 'DF_Customer_CreatedAt' },
      { name: 'Phone', type: { name: 'Phone', schema: 'dbo' }, nullable: true, collation: 'SQL_Latin1_General_CP1_CI_AS' },
    ]);
    expect(customer.description).toBe('People who buy.');
    expect(customer.location).toEqual({ database: 'Shop', objectId: 1001 });
    expect(order.columns[0]!.identity).toEqual({ seed: 100, increment: 10 });
    expect(order.columns[3]).toEqual({ name: 'Tax', nullable: true, computed: { expression: '([Amount]*(0.2))', persisted: true } });
    expect(order.rowCount).toBe(42);
  });

  it('splits indexes into primary key, unique constraint and plain indexes with key order and includes', () => {
    expect(customer.primaryKey).toEqual({ name: 'PK_Customer', columns: ['CustomerId'], clustered: true });
    expect(customer.uniqueKeys).toEqual([{ name: 'UQ_Customer_Name', columns: ['Name'], clustered: false }]);
    expect(customer.indexes).toEqual([]);
    expect(order.indexes).toEqual([
      {
        name: 'IX_Order_Customer',
        clustered: false,
        unique: false,
        columns: [
          { name: 'CustomerId', descending: false },
          { name: 'OrderId', descending: true },
        ],
        includedColumns: ['Amount'],
        filter: "([Status]='P')",
      },
    ]);
  });

  it('maps foreign keys with actions and check constraints', () => {
    expect(order.foreignKeys).toEqual([
      {
        name: 'FK_Order_Customer',
        columns: ['CustomerId'],
        referencedTable: { schema: 'dbo', name: 'Customer', objectKind: 'table' },
        referencedColumns: ['CustomerId'],
        onDelete: 'CASCADE',
        onUpdate: 'NO ACTION',
      },
    ]);
    expect(order.checks).toEqual([{ name: 'CK_Order_Amount', expression: '([Amount]>=(0))' }]);
  });

  it('keeps module definitions verbatim and maps parameters and the scalar return type', () => {
    const proc = catalog.procedures.find((p) => p.name === 'usp_ArchiveOrders')!;
    expect(proc.definition).toContain('DELETE FROM dbo.[Order] WHERE Amount > @MinAmount;\r\n');
    expect(proc.definitionSynthesized).toBeUndefined();
    expect(proc.parameters).toEqual([
      { name: '@MinAmount', type: { name: 'decimal', precision: 18, scale: 2 }, output: false },
      { name: '@Moved', type: { name: 'int' }, output: true },
    ]);
    const fn = catalog.functions[0]!;
    expect(fn).toMatchObject({ name: 'fnTax', kind: 'scalar', returnType: { name: 'decimal', precision: 18, scale: 2 } });
    expect(fn.parameters.map((p) => p.name)).toEqual(['@x']);
    expect(catalog.views[0]!.columns).toEqual([
      { name: 'OrderId', type: { name: 'int' }, nullable: false },
      { name: 'Amount', type: { name: 'decimal', precision: 18, scale: 2 }, nullable: false },
    ]);
  });

  it('maps trigger, sequence, types and synonym', () => {
    expect(catalog.triggers).toEqual([
      expect.objectContaining({ name: 'trOrderAudit', parent: { schema: 'dbo', name: 'Order', objectKind: 'table' }, timing: 'AFTER', events: ['INSERT', 'UPDATE'] }),
    ]);
    expect(catalog.sequences[0]).toMatchObject({ name: 'OrderNumbers', type: { name: 'bigint' }, start: '1', increment: '1', cycle: false, cache: 50 });
    expect(catalog.types.map((t) => [t.name, t.kind, t.baseType, t.columns?.map((c) => c.name)])).toEqual([
      ['Phone', 'alias', { name: 'varchar', length: 20 }, undefined],
      ['IdList', 'table', undefined, ['Id']],
    ]);
    expect(catalog.synonyms[0]!.target).toEqual({ schema: 'dbo', name: 'Archive', database: 'OtherDb' });
  });

  it('derives dependency edges: FK, trigger, view reads, calls, external and unresolved names kept', () => {
    const edges = catalog.dependencies.map((d) => `${d.from.name} -${d.kind}-> ${d.to.database ? `${d.to.database}.` : ''}${d.to.name}${d.external ? ' (external)' : ''}`);
    expect(edges.sort()).toEqual([
      'Order -references-> Customer',
      'trOrderAudit -triggers-on-> Order',
      'usp_ArchiveOrders -calls-> usp_Log',
      'usp_ArchiveOrders -uses-> Missing',
      'usp_ArchiveOrders -uses-> Order',
      'usp_ArchiveOrders -uses-> OtherDb.Archive (external)',
      'usp_ArchiveOrders -uses-> vBigOrders',
      'vBigOrders -reads-> Order',
    ]);
  });
});

describe('extract JSON files from users', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mssql2dbt-extract-'));

  it('accepts sqlcmd output with a header line around the JSON', () => {
    const file = path.join(dir, 'with-header.json');
    fs.writeFileSync(file, `catalog_json\n------------\n${fs.readFileSync(fixture, 'utf8').replace(/\n\s*/g, '')}\n\n(1 rows affected)\n`);
    const catalog = readExtractJsonCatalog(file);
    expect(catalog.tables).toHaveLength(2);
  });

  it('gives MD2022 for cut-off output and for JSON of another shape', () => {
    const cut = path.join(dir, 'cut.json');
    fs.writeFileSync(cut, fs.readFileSync(fixture, 'utf8').slice(0, 2033));
    expect(readExtractJsonCatalog(cut).diagnostics.map((d) => d.code)).toEqual(['MD2022']);
    const other = path.join(dir, 'other.json');
    fs.writeFileSync(other, JSON.stringify({ tables: [] }));
    const diags = readExtractJsonCatalog(other).diagnostics;
    expect(diags.map((d) => d.code)).toEqual(['MD2022']);
    expect(diags[0]!.message).toContain('extractVersion is missing');
  });

  it('an empty database (FOR JSON leaves out empty arrays) is an empty catalog, not an error', () => {
    const file = path.join(dir, 'empty.json');
    fs.writeFileSync(file, JSON.stringify({ extractVersion: 1, database: 'Empty' }));
    const catalog = readExtractJsonCatalog(file);
    expect(catalog.diagnostics).toEqual([]);
    expect(schemaErrors(catalog)).toEqual([]);
  });
});

describe('connection targets', () => {
  it('parses mssql:// URLs and connection strings', () => {
    expect(parseConnectionTarget('mssql://etl@db.example.com:1433/Warehouse?trustServerCertificate=true')).toEqual({
      server: 'db.example.com',
      port: 1433,
      database: 'Warehouse',
      user: 'etl',
      encrypt: true,
      trustServerCertificate: true,
    });
    expect(parseConnectionTarget('Server=tcp:sql01\\PROD,1500;Initial Catalog=Sales;User Id=reader;Encrypt=False')).toEqual({
      server: 'sql01',
      port: 1500,
      instanceName: 'PROD',
      database: 'Sales',
      user: 'reader',
      encrypt: false,
      trustServerCertificate: false,
    });
  });

  it('refuses a password written into the URL or connection string, without repeating it', () => {
    const url = parseConnectionTarget('mssql://etl:Secr3t!@db/Warehouse');
    expect(url).toEqual({ error: expect.stringContaining('MSSQL_PASSWORD') });
    expect(JSON.stringify(url)).not.toContain('Secr3t');
    const cs = parseConnectionTarget('Server=db;Database=W;User Id=u;Password=Secr3t!');
    expect(JSON.stringify(cs)).not.toContain('Secr3t');
  });

  it('a refused connection gives MD2020 quickly, and the password is nowhere in the catalog', async () => {
    // A port that was free a moment ago: nothing listens there, so the connect is refused.
    const port = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (server.address() as net.AddressInfo).port;
        server.close(() => resolve(p));
      });
    });
    const started = Date.now();
    const catalog = await readLiveCatalog(`mssql://sa@127.0.0.1:${port}/master?encrypt=false`, {
      connectTimeoutMs: 2000,
      env: { MSSQL_PASSWORD: 'Very$ecretPassw0rd' },
    });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(catalog.diagnostics.map((d) => d.code)).toEqual(['MD2020']);
    expect(catalog.diagnostics[0]!.message).toContain(`127.0.0.1:${port}/master`);
    expect(JSON.stringify(catalog)).not.toContain('Very$ecretPassw0rd');
    expect(catalog.sources).toEqual([]);
  });

  it('without MSSQL_PASSWORD and without a terminal it says how to give the password', async () => {
    const catalog = await readLiveCatalog('mssql://sa@127.0.0.1:1/master', { env: {}, connectTimeoutMs: 1000 });
    // vitest workers have no TTY on stdin, so no prompt can be shown.
    expect(catalog.diagnostics.map((d) => d.code)).toEqual(['MD2020']);
    expect(catalog.diagnostics[0]!.message).toContain('MSSQL_PASSWORD');
  });
});

describe('extract-catalog.sql', () => {
  const text = extractQueryText();

  it('is found next to the module and reads every sys.* view the catalog needs', () => {
    for (const view of [
      'sys.objects', 'sys.schemas', 'sys.columns', 'sys.types', 'sys.identity_columns', 'sys.computed_columns',
      'sys.default_constraints', 'sys.indexes', 'sys.index_columns', 'sys.foreign_keys', 'sys.foreign_key_columns',
      'sys.check_constraints', 'sys.sql_modules', 'sys.parameters', 'sys.sql_expression_dependencies',
      'sys.extended_properties', 'sys.sequences', 'sys.triggers', 'sys.trigger_events', 'sys.table_types',
      'sys.synonyms', 'sys.partitions',
    ]) {
      expect(text, view).toContain(view);
    }
  });

  it('is read-only: no statement that writes or changes anything', () => {
    const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/--.*$/gm, '');
    expect(code).not.toMatch(/\b(INSERT|UPDATE|DELETE|MERGE|CREATE|ALTER|DROP|EXEC|EXECUTE|TRUNCATE|GRANT)\b/i);
  });

  it('emits the fields rows.ts reads, under the array names it expects', () => {
    for (const key of ['extractVersion', 'objects', 'columns', 'indexes', 'indexColumns', 'foreignKeys', 'foreignKeyColumns', 'checks', 'modules', 'parameters', 'dependencies', 'extendedProperties', 'sequences', 'triggers', 'triggerEvents', 'types', 'synonyms', 'rowCounts']) {
      expect(text, key).toMatch(new RegExp(`AS ${key}\\b`));
    }
  });

  it('parses with our own T-SQL parser without errors', () => {
    const { script, diagnostics } = parseScript(text, { file: 'extract-catalog.sql' });
    expect(diagnostics).toEqual([]);
    // SET NOCOUNT, the DECLARE holding the FOR JSON query, and the final SELECT.
    expect(script.batches.flatMap((b) => b.statements).map((s) => s.kind)).toEqual(['SetOption', 'Declare', 'SelectStatement']);
  });
});
