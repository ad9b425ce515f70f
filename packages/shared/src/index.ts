export * from './api.js';
export * from './errors.js';
export * from './id-number.js';
export * from './member-rules.js';
export * from './org-rules.js';
export * from './orgs.js';
export * from './permissions.js';
export * from './security.js';
