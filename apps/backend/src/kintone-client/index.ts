/** The one door to Kintone: token endpoint and REST API. Nothing else in the backend calls Kintone. */
export { KintoneError, type KintoneErrorCode } from './errors.js';
export { callKintoneRest } from './rest.js';
export { type ClientAuth, exchangeCode, refresh, type TokenSet } from './token-endpoint.js';
