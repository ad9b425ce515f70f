export * from './members.js';
export * from './orgs.js';
export * from './platform.js';
