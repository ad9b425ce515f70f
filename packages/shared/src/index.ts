export * from './api.js';
export * from './errors.js';
export * from './orgs.js';
export * from './permissions.js';
export * from './security.js';
