/** Stored procedures and scalar functions → PL/pgSQL (PostgreSQL only; see README "Procedures on PostgreSQL"). */
export { translateRoutine, type RoutineEnv } from './routine.js';
