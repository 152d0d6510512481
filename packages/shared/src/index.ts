export * from './errors/api-error.js';
export * from './errors/catalogue.js';
export * from './errors/kintone-messages.js';
export * from './http/health.js';
export * from './i18n.js';
export * from './kintone/endpoint.js';
export * from './kintone/scopes.js';
export * from './policy.js';
