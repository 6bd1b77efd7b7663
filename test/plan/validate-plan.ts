/** Validates a plan against schemas/migration-plan.schema.json, and the invariants the schema cannot say. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { MigrationPlan } from '../../src/plan/model.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const schema = JSON.parse(fs.readFileSync(path.resolve(here, '../../schemas/migration-plan.schema.json'), 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);

/** Schema violations and broken invariants as readable lines; [] when valid. */
export function planErrors(plan: MigrationPlan | unknown): string[] {
  const ok = validate(JSON.parse(JSON.stringify(plan)));
  const out = ok ? [] : (validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
  if (!ok) return out;
  const p = plan as MigrationPlan;
  const byName = new Map(p.nodes.map((n) => [n.name, n]));
  if (byName.size !== p.nodes.length) out.push('node names are not unique');
  p.nodes.forEach((n, i) => {
    if (n.order !== i) out.push(`${n.name}: order ${n.order} at position ${i}`);
    for (const d of n.dependsOn) {
      const dep = byName.get(d);
      if (!dep) out.push(`${n.name}: depends on unknown ${d}`);
      else if (dep.order >= n.order) out.push(`${n.name}: depends on ${d}, which comes later`);
    }
    if (n.disposition !== 'retire' && n.disposition !== 'manual' && n.disposition !== 'test' && !n.path) out.push(`${n.name}: no path`);
    if ((n.disposition === 'retire' || n.disposition === 'manual') && n.path) out.push(`${n.name}: ${n.disposition} with a path`);
    if (n.disposition === 'source' && !n.raw) out.push(`${n.name}: source without raw relation`);
  });
  const paths = p.nodes.filter((n) => n.path && n.disposition !== 'source' && n.disposition !== 'test').map((n) => n.path!);
  if (new Set(paths).size !== paths.length) out.push('two nodes write the same file');
  return out;
}
