import { randomBytes } from 'node:crypto';
import type { Language } from '../tenant/model.js';

/** Per-field details of a CB_VA01, keyed the way Kintone keys them (`record.title.value`, `records[0].x.value`). */
export type FieldErrors = Record<string, { messages: string[] }>;

/** Kintone's REST error body. `id` is a random trace id, like Kintone's. */
export interface KintoneErrorBody {
  code: string;
  id: string;
  message: string;
  errors?: FieldErrors;
}

/** A message in both languages Kintone answers in; the caller's language picks one. */
export interface Msg {
  en: string;
  ja: string;
}

/**
 * An error the REST API answers with. Handlers throw it; the router turns it into Kintone's body in the
 * signed-in user's language (Kintone localises REST messages by the user's setting).
 */
export class KintoneError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly msg: Msg,
    readonly errors?: FieldErrors,
  ) {
    super(msg.en);
    this.name = 'KintoneError';
  }

  body(lang: Language = 'en'): KintoneErrorBody {
    const body: KintoneErrorBody = { code: this.code, id: traceId(), message: this.msg[lang] };
    if (this.errors && Object.keys(this.errors).length > 0) body.errors = this.errors;
    return body;
  }
}

/** Kintone's trace ids look like 20 random alphanumerics. */
export function traceId(): string {
  return randomBytes(15).toString('base64url').replace(/[-_]/g, 'x').slice(0, 20);
}

// Kintone's own wording where it is known; the sim's where not (marked in the report).
export const messages = {
  invalidInput: { en: 'Missing or invalid input.', ja: '入力内容が正しくありません。' },
  noPrivilege: { en: 'No privilege to proceed.', ja: 'この操作を実行する権限がありません。' },
  pleaseLogin: { en: 'Please login.', ja: 'ログインしてください。' },
  invalidToken: {
    en: 'The OAuth access token is invalid or has expired.',
    ja: 'OAuthのアクセストークンが無効か、有効期限が切れています。',
  },
  // Observed verbatim from Kintone in English whatever the user's language (the OAuth layer answers it).
  missingScope: { en: 'Cannot access protected resource.', ja: 'Cannot access protected resource.' },
  invalidJson: { en: 'Invalid JSON string.', ja: '不正なJSON文字列です。' },
  illegalRequest: { en: 'Illegal request.', ja: '不正なリクエストです。' },
  conflict: {
    en: 'The revision is not the latest. Someone may update a record.',
    ja: '指定したリビジョンは最新ではありません。ほかのユーザーがレコードを更新した可能性があります。',
  },
  tooManyRequests: {
    en: 'Too many simultaneous requests. Try again later.',
    ja: '同時に実行できるリクエストの上限を超えました。時間をおいて再度お試しください。',
  },
} satisfies Record<string, Msg>;

export const err = {
  validation: (errors: FieldErrors) => new KintoneError(400, 'CB_VA01', messages.invalidInput, errors),
  noPrivilege: () => new KintoneError(403, 'CB_NO02', messages.noPrivilege),
  noAuth: () => new KintoneError(401, 'CB_AU01', messages.pleaseLogin),
  invalidToken: () => new KintoneError(401, 'CB_OA01', messages.invalidToken),
  missingScope: () => new KintoneError(403, 'CB_OA01', messages.missingScope),
  invalidJson: () => new KintoneError(400, 'CB_IJ01', messages.invalidJson),
  illegal: () => new KintoneError(400, 'CB_IL02', messages.illegalRequest),
  conflict: () => new KintoneError(409, 'GAIA_CO02', messages.conflict),
  appNotFound: (app: string) =>
    new KintoneError(404, 'GAIA_AP01', {
      en: `The app (ID: ${app}) not found. The app may have been deleted.`,
      ja: `指定したアプリ（id: ${app}）が見つかりません。削除されている可能性があります。`,
    }),
  recordNotFound: (id: string) =>
    new KintoneError(404, 'GAIA_RE01', {
      en: `The specified record (ID: ${id}) is not found.`,
      ja: `指定したレコード（id: ${id}）が見つかりません。`,
    }),
  fileNotFound: (key: string) =>
    new KintoneError(404, 'GAIA_BL01', {
      en: `The specified file (id: ${key}) not found.`,
      ja: `指定したファイル（id: ${key}）が見つかりません。`,
    }),
  query: (detail: Msg) =>
    new KintoneError(400, 'GAIA_IQ11', {
      en: `The query is invalid: ${detail.en}`,
      ja: `クエリ記法が間違っています。${detail.ja}`,
    }),
};

/** One CB_VA01 with a single field error; the common case for parameter checks. */
export function fieldError(key: string, message: string): KintoneError {
  return err.validation({ [key]: { messages: [message] } });
}

/** Collects per-field messages while validating, so all problems are reported at once like Kintone. */
export class ErrorBag {
  readonly errors: FieldErrors = {};

  add(key: string, message: string): void {
    const entry = this.errors[key] ?? { messages: [] };
    if (!entry.messages.includes(message)) entry.messages.push(message);
    this.errors[key] = entry;
  }

  get empty(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  throwIfAny(): void {
    if (!this.empty) throw err.validation(this.errors);
  }
}
