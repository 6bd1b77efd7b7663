import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandSqlcmdFile } from '../../src/catalog/sqlcmd.js';
import { readSqlProject } from '../../src/catalog/sqlproj.js';

import { corpusRoot, hasCorpus } from '../helpers/paths.js';

const wwi = path.join(corpusRoot, 'wwi-dw');
const wwiProject = path.join(wwi, 'WideWorldImportersDW.sqlproj');

function tempTree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mssql2dbt-sqlproj-'));
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

/*
 * WideWorldImportersDW.sqlproj, checked by hand: `grep -c '<Build Include'` gives 72, there is one
 * PostDeploy item (PostDeploymentScripts\Script.PostDeployment1.sql), no PreDeploy and no
 * SqlCmdVariable; `find -name '*.sql' | wc -l` gives 73 = 72 + 1, so every .sql file is an item.
 * Two storage scripts use SSDT's built-in $(DatabaseName).
 */
describe.skipIf(!hasCorpus)('WideWorldImportersDW.sqlproj', () => {
  const project = readSqlProject(wwiProject);

  it('lists the 72 build scripts in project order, then the post-deployment script', () => {
    expect(project.diagnostics).toEqual([]);
    expect(project.name).toBe('WideWorldImportersDW');
    expect(project.sdkStyle).toBe(false);
    expect(project.dsp).toBe('Microsoft.Data.Tools.Schema.Sql.Sql130DatabaseSchemaProvider');
    expect(project.scripts.filter((s) => s.role === 'build')).toHaveLength(72);
    expect(project.scripts.filter((s) => s.role === 'pre-deploy')).toHaveLength(0);
    expect(project.scripts[0]).toEqual({ file: path.join(wwi, 'Integration', 'Tables', 'ETL Cutoff.sql'), role: 'build' });
    expect(project.scripts[71]!.file).toBe(path.join(wwi, 'dbo', 'Tables', 'SampleVersion.sql'));
    expect(project.scripts[72]).toEqual({ file: path.join(wwi, 'PostDeploymentScripts', 'Script.PostDeployment1.sql'), role: 'post-deploy' });
    expect(project.scripts.every((s) => fs.existsSync(s.file))).toBe(true);
  });

  it('provides the built-in DatabaseName, which the storage scripts use', () => {
    expect(project.variables['DatabaseName']).toBe('WideWorldImportersDW');
    const expanded = expandSqlcmdFile(path.join(wwi, 'Storage', 'USERDATA.sql'), { defaults: project.variables });
    expect(expanded.diagnostics).toEqual([]);
    expect(expanded.text.startsWith('ALTER DATABASE [WideWorldImportersDW]')).toBe(true);
    // Text after the substituted value maps back to its own column in the real file.
    const at = expanded.text.indexOf('ADD FILEGROUP');
    expect(expanded.map.locate(at)).toMatchObject({ file: path.join(wwi, 'Storage', 'USERDATA.sql'), line: 2, col: 5 });
  });

  it('does not report the $(TableName) that only appears in the post-deployment template comment', () => {
    const post = project.scripts.find((s) => s.role === 'post-deploy')!;
    const expanded = expandSqlcmdFile(post.file, { defaults: project.variables });
    expect(expanded.diagnostics).toEqual([]);
    expect(expanded.text).toContain('SELECT * FROM [$(TableName)]');
    expect(expanded.text).toContain('EXEC Integration.PopulateDateDimensionForYear @YearCounter;');
  });

  it('a --var value overrides the project default', () => {
    const expanded = expandSqlcmdFile(path.join(wwi, 'Storage', 'USERDATA.sql'), { defaults: project.variables, variables: { DatabaseName: 'WWI_Test' } });
    expect(expanded.text.startsWith('ALTER DATABASE [WWI_Test]')).toBe(true);
  });
});

describe('SDK-style project', () => {
  it('globs **/*.sql, honours Build Remove, pre/post deploy and SqlCmdVariable defaults', () => {
    const dir = tempTree({
      'Shop.sqlproj': `<Project Sdk="Microsoft.Build.Sql/0.1.12-preview">
  <PropertyGroup><Name>Shop</Name><DSP>Microsoft.Data.Tools.Schema.Sql.Sql160DatabaseSchemaProvider</DSP></PropertyGroup>
  <ItemGroup>
    <Build Remove="Scratch\\**" />
    <PreDeploy Include="Scripts\\Pre.sql" />
    <PostDeploy Include="Scripts\\Post.sql" />
    <SqlCmdVariable Include="Environment"><DefaultValue>dev</DefaultValue><Value>$(SqlCmdVar__1)</Value></SqlCmdVariable>
    <Build Include="Missing.sql" />
  </ItemGroup>
</Project>`,
      'dbo/Tables/Customer.sql': 'CREATE TABLE dbo.Customer (Id int);',
      'dbo/Views/Active.sql': 'CREATE VIEW dbo.Active AS SELECT Id FROM dbo.Customer;',
      'Scratch/try.sql': 'SELECT 1;',
      'Scripts/Pre.sql': 'PRINT 1;',
      'Scripts/Post.sql': 'PRINT 2;',
      'bin/Debug/Shop.sql': '-- build output',
    });
    const project = readSqlProject(path.join(dir, 'Shop.sqlproj'));
    expect(project.sdkStyle).toBe(true);
    expect(project.scripts.map((s) => `${s.role}:${path.relative(dir, s.file).split(path.sep).join('/')}`)).toEqual([
      'pre-deploy:Scripts/Pre.sql',
      'build:dbo/Tables/Customer.sql',
      'build:dbo/Views/Active.sql',
      'post-deploy:Scripts/Post.sql',
    ]);
    expect(project.variables['Environment']).toBe('dev');
    expect(project.diagnostics.map((d) => [d.code, d.message])).toEqual([['MD2011', 'project item Missing.sql does not exist']]);
  });

  it('a project that is not XML gives MD2010', () => {
    const dir = tempTree({ 'Bad.sqlproj': '<Project><ItemGroup>' });
    const project = readSqlProject(path.join(dir, 'Bad.sqlproj'));
    expect(project.diagnostics.map((d) => d.code)).toEqual(['MD2010']);
  });
});

describe('sqlcmd expansion', () => {
  it('resolves :r with Windows backslashes relative to the including file and maps text back', () => {
    const dir = tempTree({
      'Post.sql': 'PRINT \'start\';\r\n:r .\\Data\\Load.sql\r\nPRINT \'end\';\r\n',
      'Data/Load.sql': ':setvar Target Sales\nINSERT INTO [$(Target)].Orders SELECT 1;\n:r ..\\Common\\Stamp.sql',
      'Common/Stamp.sql': "UPDATE dbo.Meta SET At = '$(Stamp)';",
    });
    const expanded = expandSqlcmdFile(path.join(dir, 'Post.sql'), { variables: { Stamp: '2024-01-01' } });
    expect(expanded.diagnostics).toEqual([]);
    expect(expanded.text).toBe("PRINT 'start';\r\n\nINSERT INTO [Sales].Orders SELECT 1;\nUPDATE dbo.Meta SET At = '2024-01-01';\n\r\nPRINT 'end';\r\n");
    expect(expanded.files.map((f) => path.relative(dir, f).split(path.sep).join('/'))).toEqual(['Post.sql', 'Data/Load.sql', 'Common/Stamp.sql']);
    const insert = expanded.text.indexOf('INSERT');
    expect(expanded.map.locate(insert)).toMatchObject({ file: path.join(dir, 'Data', 'Load.sql'), line: 2, col: 1 });
    expect(expanded.map.locate(expanded.text.indexOf('.Orders'))).toMatchObject({ line: 2, col: 24 }) // 'INSERT INTO [$(Target)]' is 23 characters;
    expect(expanded.map.locate(expanded.text.indexOf("PRINT 'end'"))).toMatchObject({ file: path.join(dir, 'Post.sql'), line: 3, col: 1 });
    // A span the parser reports on expanded text comes back as a span in the included file.
    const span = expanded.map.remapSpan({ file: 'expanded', line: 1, col: 1, offset: insert, end: insert + 6 });
    expect(span).toEqual({ file: path.join(dir, 'Data', 'Load.sql'), line: 2, col: 1, offset: 21, end: 27 });
  });

  it('a --var value wins over :setvar in the script', () => {
    const dir = tempTree({ 'a.sql': ':setvar Env dev\nSELECT \'$(Env)\';\n' });
    expect(expandSqlcmdFile(path.join(dir, 'a.sql'), { variables: { env: 'prod' } }).text).toBe("\nSELECT 'prod';\n");
    expect(expandSqlcmdFile(path.join(dir, 'a.sql'), { defaults: { Env: 'test' } }).text).toBe("\nSELECT 'dev';\n");
  });

  it('reports an unknown variable at its file:line:col and leaves it as written', () => {
    const dir = tempTree({ 'a.sql': 'SELECT 1;\n  SELECT * FROM [$(Schema)].T; -- $(NotThis)\n/* $(NorThis) */' });
    const expanded = expandSqlcmdFile(path.join(dir, 'a.sql'));
    expect(expanded.diagnostics).toEqual([
      expect.objectContaining({ code: 'MD2012', span: { file: path.join(dir, 'a.sql'), line: 2, col: 18, offset: 27, end: 36 } }),
    ]);
    expect(expanded.text).toContain('[$(Schema)]');
  });

  it('reports an include cycle once and keeps going', () => {
    const dir = tempTree({ 'a.sql': 'SELECT 1;\n:r b.sql\nSELECT 3;\n', 'b.sql': 'SELECT 2;\n:r A.SQL\n' });
    const expanded = expandSqlcmdFile(path.join(dir, 'a.sql'));
    expect(expanded.diagnostics.map((d) => d.code)).toEqual(['MD2013']);
    expect(expanded.diagnostics[0]!.message).toBe('include cycle: a.sql → b.sql → A.SQL');
    expect(expanded.diagnostics[0]!.span).toMatchObject({ file: path.join(dir, 'b.sql'), line: 2, col: 1 });
    expect(expanded.text).toBe('SELECT 1;\nSELECT 2;\n\n\nSELECT 3;\n');
  });

  it('reports a missing include and unsupported commands, not a crash', () => {
    const dir = tempTree({ 'a.sql': ':r nothere.sql\n:connect otherserver\n:on error exit\nSELECT 1;\n' });
    const expanded = expandSqlcmdFile(path.join(dir, 'a.sql'));
    expect(expanded.diagnostics.map((d) => [d.code, d.span?.line])).toEqual([
      ['MD1001', 1],
      ['MD2014', 2],
    ]);
    expect(expanded.text).toBe('\n\n\nSELECT 1;\n');
  });

  it('does not treat a colon line inside a block comment or string as a command', () => {
    const dir = tempTree({ 'a.sql': "/*\n:r x.sql\n*/\nSELECT '\n:r y.sql\n';\n" });
    const expanded = expandSqlcmdFile(path.join(dir, 'a.sql'));
    expect(expanded.diagnostics).toEqual([]);
    expect(expanded.text).toBe("/*\n:r x.sql\n*/\nSELECT '\n:r y.sql\n';\n");
  });
});
