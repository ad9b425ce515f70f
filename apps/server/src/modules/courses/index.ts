/** The courses module's face: what other modules may call. */
export { myPlans } from './plans.service.js';
