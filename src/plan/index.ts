/** The Planner: what every source object becomes in the dbt project (`migration_plan.json`). */
export * from './model.js';
export { planMigration, databaseName, type PlanOptions } from './plan.js';
export { DEFAULT_NAMING, parseNaming, resolveNaming, snake, baseName, tableModelName } from './naming.js';
export { chooseStrategy, type LoadKind, type StrategyChoice } from './strategy.js';
export { classifyRoutine, isControlTable, type RoutineVerdict, type Load, type TempSource } from './routine.js';
export { planTrigger, type TriggerVerdict } from './trigger.js';
export { parseSelect, type SelectPattern } from './select.js';
export { topologicalOrder } from './order.js';
