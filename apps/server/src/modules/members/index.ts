/** The members module's face: what other modules may call. */

export { mobilesOfUsers } from './members.contact.js';
export { membersMetrics } from './members.metrics.js';
export { createMember, namePinyin } from './members.service.js';
