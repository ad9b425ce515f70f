/** The orgs module's face: what other modules may use (schema building blocks for now). */
export { IdParams, idRef, isoDate, keysOf } from './structure.schemas.js';
