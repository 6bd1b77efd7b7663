export type * from './base.js';
export type * from './types.js';
export type * from './expressions.js';
export type * from './queries.js';
export type * from './dml.js';
export type * from './procedural.js';
export type * from './ddl.js';
export type * from './statements.js';
