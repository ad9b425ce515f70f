/** The integrity module's face: what other modules may call. */
export { membersWithoutVote } from './discipline.effects.js';
