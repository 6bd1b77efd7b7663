/** Validates migration_state.json and migration_results.json against their schemas. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const load = (name: string): object => JSON.parse(fs.readFileSync(path.resolve(here, '../../schemas', name), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
const validators = {
  state: ajv.compile(load('migration-state.schema.json')),
  results: ajv.compile(load('migration-results.schema.json')),
};

/** The schema violations as readable lines; [] when valid. */
export function runFileSchemaErrors(kind: keyof typeof validators, data: unknown): string[] {
  const validate = validators[kind];
  const ok = validate(JSON.parse(JSON.stringify(data)));
  return ok ? [] : (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
