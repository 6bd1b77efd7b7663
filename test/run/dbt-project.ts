/**
 * A tiny hand-written dbt project on a temporary DuckDB file: two good models, a broken one and its
 * dependant, tests that pass and one that fails, and a Python model that sleeps (to be aborted).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TinyProject {
  readonly dir: string;
  readonly database: string;
  readonly write: (relative: string, text: string) => void;
}

export function writeTinyProject(): TinyProject {
  const dir = mkdtempSync(path.join(tmpdir(), 'mssql2dbt-run-'));
  const database = path.join(dir, 'warehouse.duckdb');
  const write = (relative: string, text: string): void => {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
  };
  write('dbt_project.yml', ['name: tiny', "version: '1.0'", 'profile: tiny', 'models:', '  tiny:', '    +materialized: table', ''].join('\n'));
  write('profiles.yml', ['tiny:', '  target: dev', '  outputs:', '    dev:', '      type: duckdb', `      path: ${JSON.stringify(database)}`, '      threads: 2', ''].join('\n'));
  write('models/customers.sql', "select 1 as id, 'a' as name union all select 2, 'b'\n");
  write('models/orders.sql', "select id, name, id * {{ var('factor', 1) }} as amount from {{ ref('customers') }}\n");
  write('models/broken.sql', "select no_such_column from {{ ref('customers') }}\n");
  write('models/after_broken.sql', "select * from {{ ref('broken') }}\n");
  write('models/slow.py', ['import time', '', 'def model(dbt, session):', '    time.sleep(120)', '    return session.sql("select 1 as x")', ''].join('\n'));
  write(
    'models/schema.yml',
    [
      'version: 2',
      'models:',
      '  - name: customers',
      '    columns:',
      '      - name: id',
      '        data_tests: [unique, not_null]',
      '  - name: orders',
      '    columns:',
      '      - name: name',
      '        data_tests:',
      '          - accepted_values:',
      '              arguments:',
      "                values: ['a']",
      '',
    ].join('\n'),
  );
  return { dir, database, write };
}
