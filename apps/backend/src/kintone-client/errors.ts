import type { ErrorCode } from '@notta/shared';
import { AppError } from '../http/errors.js';

/** Catalogue codes a call to Kintone can end in. */
export type KintoneErrorCode = Extract<
  ErrorCode,
  | 'KINTONE_CLIENT_INVALID'
  | 'KINTONE_AUTHORIZATION_CODE_INVALID'
  | 'KINTONE_TOKEN_IP_FORBIDDEN'
  | 'KINTONE_UNREACHABLE'
  | 'KINTONE_TIMEOUT'
  | 'KINTONE_RATE_LIMITED'
  | 'KINTONE_TOKEN_INVALID'
  | 'KINTONE_SCOPE_MISSING'
  | 'KINTONE_NO_PERMISSION'
  | 'KINTONE_RECORD_NOT_FOUND'
  | 'KINTONE_VALIDATION_FAILED'
  | 'KINTONE_RECONNECT_REQUIRED'
>;

/**
 * A failure talking to Kintone, already translated into the shared catalogue. `detail` is for logs only
 * (status, Kintone's error code and id); it never holds a token, secret or authorization code.
 */
export class KintoneError extends Error {
  constructor(
    readonly code: KintoneErrorCode,
    readonly detail: Record<string, string | number> = {},
  ) {
    super(`${code} ${JSON.stringify(detail)}`);
    this.name = 'KintoneError';
  }

  toAppError(): AppError {
    return new AppError(this.code);
  }
}
