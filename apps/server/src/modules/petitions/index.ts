/** The petitions module's face: what other modules and main.ts may call. */
export { refreshPetitionClocks } from './petitions.jobs.js';
