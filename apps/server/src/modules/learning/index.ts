/** The learning module's face: what other modules may call. */
export { usableBy } from './questions.service.js';
