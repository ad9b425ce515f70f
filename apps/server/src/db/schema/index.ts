export * from './members.js';
export * from './org-structure.js';
export * from './orgs.js';
export * from './platform.js';
