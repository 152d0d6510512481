import { z } from 'zod';
import { formatLocalized } from '../i18n.js';
import { catalogueEntry, type ErrorCode, setupSteps } from './catalogue.js';

const localized = z.object({ en: z.string(), ja: z.string() });

/** The body of every error response the backend sends. */
export const apiErrorBody = z.object({
  error: z.object({
    code: z.string(),
    status: z.number().int(),
    title: localized,
    cause: localized,
    fix: localized,
    step: z.enum(setupSteps).nullable(),
    /** What Kintone's own screen said, when the failure is one of those screens. */
    kintoneMessage: z.string().optional(),
    /** Which inputs were wrong, by field path, when the request itself was the problem. */
    fields: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof apiErrorBody>;

export interface ApiErrorOptions {
  /** Values for `{placeholders}` in the entry's texts. */
  params?: Readonly<Record<string, string | number>>;
  fields?: { path: string; message: string }[];
  requestId?: string;
}

export function toApiErrorBody(code: ErrorCode, options: ApiErrorOptions = {}): ApiErrorBody {
  const e = catalogueEntry(code);
  const params = options.params ?? {};
  return {
    error: {
      code: e.code,
      status: e.status,
      title: formatLocalized(e.title, params),
      cause: formatLocalized(e.cause, params),
      fix: formatLocalized(e.fix, params),
      step: e.step,
      ...(e.kintoneMessage ? { kintoneMessage: e.kintoneMessage } : {}),
      ...(options.fields ? { fields: options.fields } : {}),
      ...(options.requestId ? { requestId: options.requestId } : {}),
    },
  };
}
