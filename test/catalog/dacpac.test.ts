/**
 * A hand-written .dacpac covering what the two real .bacpac files do not: views, routines with
 * parameters, triggers, sequences, user types, synonyms, extended properties, defaults, checks,
 * computed columns and non-default index options. The model.xml follows the DacFx 2012/02
 * serialization (the same element/property/relationship shapes the corpus packages use).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readPackageCatalog } from '../../src/catalog/package/read-package.js';
import { schemaErrors } from './validate-catalog.js';

const NS = 'http://schemas.microsoft.com/sqlserver/dac/Serialization/2012/02';

const builtIn = (type: string, props = '') =>
  `<Relationship Name="TypeSpecifier"><Entry><Element Type="SqlTypeSpecifier">${props}<Relationship Name="Type"><Entry><References ExternalSource="BuiltIns" Name="[${type}]" /></Entry></Relationship></Element></Entry></Relationship>`;
const paramType = (type: string, props = '') => builtIn(type, props).replace('"TypeSpecifier"', '"Type"');
const refs = (rel: string, ...names: string[]) => `<Relationship Name="${rel}">${names.map((n) => `<Entry><References Name="${n}" /></Entry>`).join('')}</Relationship>`;
const cdata = (name: string, text: string) => `<Property Name="${name}"><Value><![CDATA[${text}]]></Value></Property>`;

function modelXml(schemaVersion = '2.9'): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<DataSchemaModel FileFormatVersion="1.2" SchemaVersion="${schemaVersion}" DspName="Microsoft.Data.Tools.Schema.Sql.Sql160DatabaseSchemaProvider" CollationLcid="1033" CollationCaseSensitive="False" xmlns="${NS}">
<Model>
  <Element Type="SqlSchema" Name="[Sales]" />
  <Element Type="SqlTable" Name="[Sales].[Customer]">
    <Relationship Name="Columns">
      <Entry><Element Type="SqlSimpleColumn" Name="[Sales].[Customer].[CustomerId]"><Property Name="IsNullable" Value="False" />${builtIn('int')}</Element></Entry>
      <Entry><Element Type="SqlSimpleColumn" Name="[Sales].[Customer].[Email]"><Property Name="Collation" Value="Latin1_General_100_CI_AS" />${builtIn('nvarchar', '<Property Name="Length" Value="320" />')}</Element></Entry>
    </Relationship>
    ${refs('Schema', '[Sales]')}
  </Element>
  <Element Type="SqlTable" Name="[Sales].[Order]">
    <Relationship Name="Columns">
      <Entry><Element Type="SqlSimpleColumn" Name="[Sales].[Order].[OrderId]"><Property Name="IsNullable" Value="False" /><Property Name="IsIdentity" Value="True" /><Property Name="IdentitySeed" Value="100" /><Property Name="IdentityIncrement" Value="5" />${builtIn('bigint')}</Element></Entry>
      <Entry><Element Type="SqlSimpleColumn" Name="[Sales].[Order].[CustomerId]"><Property Name="IsNullable" Value="False" />${builtIn('int')}</Element></Entry>
      <Entry><Element Type="SqlSimpleColumn" Name="[Sales].[Order].[Amount]"><Property Name="IsNullable" Value="False" />${builtIn('decimal', '<Property Name="Precision" Value="18" /><Property Name="Scale" Value="2" />')}</Element></Entry>
      <Entry><Element Type="SqlSimpleColumn" Name="[Sales].[Order].[Status]">${builtIn('varchar', '<Property Name="Length" Value="10" />')}</Element></Entry>
      <Entry><Element Type="SqlComputedColumn" Name="[Sales].[Order].[AmountWithTax]"><Property Name="IsPersisted" Value="True" />${cdata('ExpressionScript', '([Amount]*(1.2))')}</Element></Entry>
    </Relationship>
    ${refs('Schema', '[Sales]')}
  </Element>
  <Element Type="SqlPrimaryKeyConstraint" Name="[Sales].[PK_Customer]"><Property Name="IsClustered" Value="False" />
    <Relationship Name="ColumnSpecifications"><Entry><Element Type="SqlIndexedColumnSpecification">${refs('Column', '[Sales].[Customer].[CustomerId]')}</Element></Entry></Relationship>
    ${refs('DefiningTable', '[Sales].[Customer]')}
  </Element>
  <Element Type="SqlPrimaryKeyConstraint" Name="[Sales].[PK_Order]">
    <Relationship Name="ColumnSpecifications"><Entry><Element Type="SqlIndexedColumnSpecification">${refs('Column', '[Sales].[Order].[OrderId]')}</Element></Entry></Relationship>
    ${refs('DefiningTable', '[Sales].[Order]')}
  </Element>
  <Element Type="SqlUniqueConstraint" Name="[Sales].[UQ_Customer_Email]">
    <Relationship Name="ColumnSpecifications"><Entry><Element Type="SqlIndexedColumnSpecification">${refs('Column', '[Sales].[Customer].[Email]')}</Element></Entry></Relationship>
    ${refs('DefiningTable', '[Sales].[Customer]')}
  </Element>
  <Element Type="SqlForeignKeyConstraint" Name="[Sales].[FK_Order_Customer]"><Property Name="OnUpdateAction" Value="1" /><Property Name="OnDeleteAction" Value="2" />
    ${refs('Columns', '[Sales].[Order].[CustomerId]')}${refs('DefiningTable', '[Sales].[Order]')}${refs('ForeignColumns', '[Sales].[Customer].[CustomerId]')}${refs('ForeignTable', '[Sales].[Customer]')}
  </Element>
  <Element Type="SqlCheckConstraint" Name="[Sales].[CK_Order_Amount]">${cdata('CheckExpressionScript', '([Amount]>=(0))')}${refs('DefiningTable', '[Sales].[Order]')}</Element>
  <Element Type="SqlCheckConstraint">${cdata('CheckExpressionScript', "([Status] IN ('new','paid'))")}${refs('DefiningTable', '[Sales].[Order]')}<Annotation Type="SqlInlineConstraintAnnotation" Disambiguator="3" /></Element>
  <Element Type="SqlDefaultConstraint" Name="[Sales].[DF_Order_Status]">${cdata('DefaultExpressionScript', "('new')")}${refs('DefiningTable', '[Sales].[Order]')}${refs('ForColumn', '[Sales].[Order].[Status]')}</Element>
  <Element Type="SqlDefaultConstraint" Name="[Sales].[DF_Broken]">${cdata('DefaultExpressionScript', '(0)')}${refs('DefiningTable', '[Sales].[Missing]')}${refs('ForColumn', '[Sales].[Missing].[X]')}</Element>
  <Element Type="SqlIndex" Name="[Sales].[Order].[IX_Order_Customer]"><Property Name="IsUnique" Value="True" />${cdata('FilterPredicate', "([Status]='paid')")}
    <Relationship Name="ColumnSpecifications">
      <Entry><Element Type="SqlIndexedColumnSpecification">${refs('Column', '[Sales].[Order].[CustomerId]')}</Element></Entry>
      <Entry><Element Type="SqlIndexedColumnSpecification"><Property Name="IsAscending" Value="False" />${refs('Column', '[Sales].[Order].[Amount]')}</Element></Entry>
    </Relationship>
    ${refs('IncludedColumns', '[Sales].[Order].[Status]')}${refs('IndexedObject', '[Sales].[Order]')}
  </Element>
  <Element Type="SqlView" Name="[Sales].[BigOrders]">
    ${cdata('QueryScript', 'SELECT o.OrderId, o.Amount FROM Sales.[Order] AS o WHERE o.Amount > 1000')}
    <Relationship Name="Columns">
      <Entry><Element Type="SqlComputedColumn" Name="[Sales].[BigOrders].[OrderId]" /></Entry>
      <Entry><Element Type="SqlComputedColumn" Name="[Sales].[BigOrders].[Amount]" /></Entry>
    </Relationship>
    ${refs('QueryDependencies', '[Sales].[Order]', '[Sales].[Order].[OrderId]', '[Sales].[Order].[Amount]')}
    <Annotation Type="SysCommentsObjectAnnotation"><Property Name="HeaderContents" Value="CREATE VIEW Sales.BigOrders&#xD;&#xA;AS" /></Annotation>
  </Element>
  <Element Type="SqlProcedure" Name="[Sales].[LogOrder]">${cdata('BodyScript', 'BEGIN SET NOCOUNT ON; END')}</Element>
  <Element Type="SqlProcedure" Name="[Sales].[ArchiveBig]">
    ${cdata('BodyScript', 'BEGIN\n  INSERT INTO Sales.Archive SELECT * FROM Sales.BigOrders WHERE Amount > @Min;\n  EXEC Sales.LogOrder;\nEND')}
    <Relationship Name="Parameters">
      <Entry><Element Type="SqlSubroutineParameter" Name="[Sales].[ArchiveBig].[@Min]">${cdata('DefaultExpressionScript', '1000')}${paramType('decimal', '<Property Name="Precision" Value="9" /><Property Name="Scale" Value="2" />')}</Element></Entry>
      <Entry><Element Type="SqlSubroutineParameter" Name="[Sales].[ArchiveBig].[@Moved]"><Property Name="IsOutput" Value="True" />${paramType('int')}</Element></Entry>
    </Relationship>
    ${refs('BodyDependencies', '[Sales].[BigOrders]', '[Sales].[BigOrders].[Amount]', '[Sales].[LogOrder]', '[Sales]')}
  </Element>
  <Element Type="SqlScalarFunction" Name="[Sales].[Tax]">
    ${paramType('decimal', '<Property Name="Precision" Value="18" /><Property Name="Scale" Value="2" />')}
    <Relationship Name="FunctionBody"><Entry><Element Type="SqlScriptFunctionImplementation">${cdata('BodyScript', 'BEGIN RETURN @x * 0.2 END')}</Element></Entry></Relationship>
    <Relationship Name="Parameters"><Entry><Element Type="SqlSubroutineParameter" Name="[Sales].[Tax].[@x]">${paramType('decimal', '<Property Name="Precision" Value="18" /><Property Name="Scale" Value="2" />')}</Element></Entry></Relationship>
  </Element>
  <Element Type="SqlInlineTableValuedFunction" Name="[Sales].[OrdersOf]">
    <Relationship Name="Columns"><Entry><Element Type="SqlComputedColumn" Name="[Sales].[OrdersOf].[OrderId]" /></Entry></Relationship>
    <Relationship Name="FunctionBody"><Entry><Element Type="SqlScriptFunctionImplementation">${cdata('BodyScript', 'RETURN SELECT OrderId FROM Sales.[Order] WHERE CustomerId = @c')}${refs('BodyDependencies', '[Sales].[Order]', '[Sales].[Order].[OrderId]')}</Element></Entry></Relationship>
    <Relationship Name="Parameters"><Entry><Element Type="SqlSubroutineParameter" Name="[Sales].[OrdersOf].[@c]">${paramType('int')}</Element></Entry></Relationship>
  </Element>
  <Element Type="SqlDmlTrigger" Name="[Sales].[trOrderAudit]"><Property Name="IsInsertTrigger" Value="True" /><Property Name="IsUpdateTrigger" Value="True" /><Property Name="SqlTriggerType" Value="2" />
    ${cdata('BodyScript', 'SET NOCOUNT ON;')}${refs('Parent', '[Sales].[Order]')}
  </Element>
  <Element Type="SqlSequence" Name="[Sales].[OrderNumbers]"><Property Name="StartValue" Value="1000" /><Property Name="IncrementValue" Value="10" /><Property Name="IsCycling" Value="True" /><Property Name="CacheSize" Value="50" />
    ${paramType('bigint')}
  </Element>
  <Element Type="SqlUserDefinedDataType" Name="[Sales].[Phone]"><Property Name="IsNullable" Value="False" /><Property Name="Length" Value="20" />${refs('Type', '[varchar]').replace('<References ', '<References ExternalSource="BuiltIns" ')}</Element>
  <Element Type="SqlTableType" Name="[Sales].[IdList]">
    <Relationship Name="Columns"><Entry><Element Type="SqlTableTypeSimpleColumn" Name="[Sales].[IdList].[Id]"><Property Name="IsNullable" Value="False" />${builtIn('int')}</Element></Entry></Relationship>
  </Element>
  <Element Type="SqlSynonym" Name="[dbo].[RemoteOrders]">${refs('ForObject', '[Archive].[Sales].[Order]')}</Element>
  <Element Type="SqlExtendedProperty" Name="[SqlTableBase].[Sales].[Order].[MS_Description]">${cdata('Value', "N'One row per order; it''s the fact.'")}${refs('Host', '[Sales].[Order]')}</Element>
  <Element Type="SqlExtendedProperty" Name="[SqlColumn].[Sales].[Order].[Amount].[MS_Description]">${cdata('Value', "N'Net amount'")}${refs('Host', '[Sales].[Order].[Amount]')}</Element>
  <Element Type="SqlQueue" Name="[dbo].[Q]" />
</Model>
</DataSchemaModel>`;
}

function writeZip(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mssql2dbt-dacpac-'));
  const file = path.join(dir, 'Sales.dacpac');
  fs.writeFileSync(file, zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)]))));
  return file;
}

const metadata = `<?xml version="1.0" encoding="utf-8"?><DacType xmlns="${NS}"><Name>SalesDb</Name><Version>1.0.0.0</Version></DacType>`;

describe('synthetic .dacpac', async () => {
  const file = writeZip({ 'model.xml': modelXml(), 'DacMetadata.xml': metadata });
  const catalog = await readPackageCatalog(file);
  const order = catalog.tables.find((t) => t.name === 'Order')!;
  const customer = catalog.tables.find((t) => t.name === 'Customer')!;

  it('matches the JSON Schema and records the source', () => {
    expect(schemaErrors(catalog)).toEqual([]);
    expect(catalog.sources).toEqual([{ kind: 'dacpac', path: file, database: 'SalesDb', formatVersion: '2.9' }]);
  });

  it('reports the dangling default and the element type it does not model', () => {
    expect(catalog.diagnostics.map((d) => d.code)).toEqual(['MD2005', 'MD2006']);
    expect(catalog.diagnostics[0]!.message).toContain('[Sales].[Missing].[X]');
    expect(catalog.diagnostics[1]!.message).toContain('SqlQueue (1)');
  });

  it('reads columns: identity seed/increment, computed, default, collation, description', () => {
    expect(order.columns).toEqual([
      { name: 'OrderId', type: { name: 'bigint' }, nullable: false, identity: { seed: 100, increment: 5 } },
      { name: 'CustomerId', type: { name: 'int' }, nullable: false },
      { name: 'Amount', type: { name: 'decimal', precision: 18, scale: 2 }, nullable: false, description: 'Net amount' },
      { name: 'Status', type: { name: 'varchar', length: 10 }, nullable: true, default: "('new')", defaultName: 'DF_Order_Status' },
      { name: 'AmountWithTax', nullable: true, computed: { expression: '([Amount]*(1.2))', persisted: true } },
    ]);
    expect(customer.columns[1]).toMatchObject({ name: 'Email', collation: 'Latin1_General_100_CI_AS' });
    expect(order.description).toBe("One row per order; it's the fact.");
  });

  it('reads keys, foreign key actions, checks and index options', () => {
    expect(customer.primaryKey).toEqual({ name: 'PK_Customer', columns: ['CustomerId'], clustered: false });
    expect(customer.uniqueKeys).toEqual([{ name: 'UQ_Customer_Email', columns: ['Email'], clustered: false }]);
    expect(order.primaryKey?.clustered).toBe(true);
    expect(order.foreignKeys).toEqual([
      {
        name: 'FK_Order_Customer',
        columns: ['CustomerId'],
        referencedTable: { schema: 'Sales', name: 'Customer', objectKind: 'table' },
        referencedColumns: ['CustomerId'],
        onDelete: 'SET NULL',
        onUpdate: 'CASCADE',
      },
    ]);
    // The second check was declared inline without a name: model.xml gives it no Name attribute.
    expect(order.checks).toEqual([{ name: 'CK_Order_Amount', expression: '([Amount]>=(0))' }, { expression: "([Status] IN ('new','paid'))" }]);
    expect(order.indexes).toEqual([
      {
        name: 'IX_Order_Customer',
        clustered: false,
        unique: true,
        columns: [
          { name: 'CustomerId', descending: false },
          { name: 'Amount', descending: true },
        ],
        includedColumns: ['Status'],
        filter: "([Status]='paid')",
      },
    ]);
  });

  it('keeps a view with its header from the package and its result columns', () => {
    expect(catalog.views).toHaveLength(1);
    const view = catalog.views[0]!;
    expect(view.definition).toBe('CREATE VIEW Sales.BigOrders\r\nAS\nSELECT o.OrderId, o.Amount FROM Sales.[Order] AS o WHERE o.Amount > 1000');
    expect(view.definitionSynthesized).toBeUndefined();
    expect(view.columns.map((c) => c.name)).toEqual(['OrderId', 'Amount']);
    expect(view.location).toEqual({ package: file, part: 'model.xml' });
  });

  it('reads a procedure with parameters and rebuilds its CREATE header, marked as synthesized', () => {
    const proc = catalog.procedures.find((p) => p.name === 'ArchiveBig')!;
    expect(proc.parameters).toEqual([
      { name: '@Min', type: { name: 'decimal', precision: 9, scale: 2 }, default: '1000', output: false },
      { name: '@Moved', type: { name: 'int' }, output: true },
    ]);
    expect(proc.definitionSynthesized).toBe(true);
    expect(proc.definition).toBe(
      'CREATE PROCEDURE [Sales].[ArchiveBig]\n    @Min decimal(9, 2) = 1000,\n    @Moved int OUTPUT\nAS\nBEGIN\n  INSERT INTO Sales.Archive SELECT * FROM Sales.BigOrders WHERE Amount > @Min;\n  EXEC Sales.LogOrder;\nEND',
    );
  });

  it('reads functions of each kind', () => {
    const tax = catalog.functions.find((f) => f.name === 'Tax')!;
    expect(tax).toMatchObject({ kind: 'scalar', returnType: { name: 'decimal', precision: 18, scale: 2 } });
    expect(tax.definition).toBe('CREATE FUNCTION [Sales].[Tax](@x decimal(18, 2))\nRETURNS decimal(18, 2)\nAS\nBEGIN RETURN @x * 0.2 END');
    const ordersOf = catalog.functions.find((f) => f.name === 'OrdersOf')!;
    expect(ordersOf.kind).toBe('inline-table');
    expect(ordersOf.resultColumns).toEqual([{ name: 'OrderId' }]);
    expect(ordersOf.definition).toBe('CREATE FUNCTION [Sales].[OrdersOf](@c int)\nRETURNS TABLE\nAS\nRETURN SELECT OrderId FROM Sales.[Order] WHERE CustomerId = @c');
  });

  it('reads trigger, sequence, types and synonym', () => {
    expect(catalog.triggers).toEqual([
      expect.objectContaining({ name: 'trOrderAudit', parent: { schema: 'Sales', name: 'Order', objectKind: 'table' }, timing: 'AFTER', events: ['INSERT', 'UPDATE'] }),
    ]);
    expect(catalog.sequences).toEqual([
      expect.objectContaining({ name: 'OrderNumbers', type: { name: 'bigint' }, start: '1000', increment: '10', cycle: true, cache: 50 }),
    ]);
    expect(catalog.types.map((t) => [t.name, t.kind, t.baseType, t.nullable, t.columns?.length])).toEqual([
      ['Phone', 'alias', { name: 'varchar', length: 20 }, false, undefined],
      ['IdList', 'table', undefined, undefined, 1],
    ]);
    expect(catalog.synonyms[0]!.target).toEqual({ schema: 'Sales', name: 'Order', database: 'Archive' });
  });

  it('derives only the dependency edges the model makes certain', () => {
    const edges = catalog.dependencies.map((d) => `${d.from.name} -${d.kind}-> ${d.to.name}`).sort();
    expect(edges).toEqual([
      'ArchiveBig -calls-> LogOrder',
      'ArchiveBig -uses-> BigOrders',
      'BigOrders -reads-> Order',
      'Order -references-> Customer',
      'OrdersOf -uses-> Order',
      'trOrderAudit -triggers-on-> Order',
    ]);
  });
});

describe('package versions and damage', () => {
  it('an unknown model schema version is a warning and the model is still read', async () => {
    const catalog = await readPackageCatalog(writeZip({ 'model.xml': modelXml('7.0') }));
    expect(catalog.diagnostics.map((d) => d.code)).toContain('MD2003');
    expect(catalog.diagnostics.find((d) => d.code === 'MD2003')!.message).toContain('7.0');
    expect(catalog.tables).toHaveLength(2);
  });

  it('a zip without model.xml gives MD2002', async () => {
    const catalog = await readPackageCatalog(writeZip({ 'DacMetadata.xml': metadata }));
    expect(catalog.diagnostics.map((d) => d.code)).toEqual(['MD2002']);
    expect(catalog.sources[0]).toMatchObject({ kind: 'dacpac', database: 'SalesDb' });
  });

  it('malformed model.xml gives MD2004 with the XML position', async () => {
    const broken = modelXml().replace('</Model>', '');
    const catalog = await readPackageCatalog(writeZip({ 'model.xml': broken }));
    expect(catalog.diagnostics.map((d) => d.code)).toEqual(['MD2004']);
    expect(catalog.diagnostics[0]!.message).toMatch(/line \d+, column \d+/);
  });
});
