/** Validates an assessment against schemas/assessment.schema.json. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Assessment } from '../../src/assess/model.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(fs.readFileSync(path.resolve(here, '../../schemas/assessment.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** The schema violations as readable lines; [] when valid. */
export function assessmentSchemaErrors(a: Assessment | unknown): string[] {
  const ok = validate(JSON.parse(JSON.stringify(a)));
  return ok ? [] : (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
