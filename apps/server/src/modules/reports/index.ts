/** The reports module's face: what main.ts and the demo seed use. */
export { purgeExpiredReports, refreshReportReminders } from './reports.jobs.js';
export { seedReportsDemo } from './reports.seed.js';
