/** Validates a catalog against schemas/metadata.schema.json, as every consumer of metadata.json may. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Catalog } from '../../src/catalog/model.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(fs.readFileSync(path.resolve(here, '../../schemas/metadata.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** Returns the schema violations as readable lines; [] when the catalog is valid. */
export function schemaErrors(catalog: Catalog): string[] {
  // Round-trip through JSON so the check sees exactly what metadata.json would hold.
  const ok = validate(JSON.parse(JSON.stringify(catalog)));
  return ok ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
