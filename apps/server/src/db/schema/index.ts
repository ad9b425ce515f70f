export * from './dues.js';
export * from './life.js';
export * from './members.js';
export * from './org-structure.js';
export * from './orgs.js';
export * from './platform.js';
export * from './recruitment.js';
export * from './relations.js';
