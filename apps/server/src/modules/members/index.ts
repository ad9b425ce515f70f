/** The members module's face: what other modules may call. */
export { createMember, namePinyin } from './members.service.js';
