import { z } from 'zod';
import { err, type FieldErrors } from './errors.js';

/**
 * zod schemas for the REST parameters and bodies. Field values inside `record` are left `unknown` here:
 * records.ts checks them against the app's fields, with Kintone's per-field messages.
 */

/** Kintone takes ids as numbers or numeric strings; the sim keeps them as strings. */
export const idParam = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .refine((v) => /^[1-9]\d*$/.test(v), 'Enter a positive whole number.');

/** A query-string array may arrive as one value (`ids=1`) or many (`ids[0]=1&ids[1]=2`). */
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item));

const intParam = (min: number, max: number) =>
  z.coerce
    .number({ message: 'Enter a whole number.' })
    .int('Enter a whole number.')
    .min(min, `Enter ${min} or more.`)
    .max(max, `Enter ${max} or less.`);

const boolParam = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const getAppsParams = z.object({
  ids: list(idParam).pipe(z.array(z.string()).max(100, 'Specify 100 or fewer.')).optional(),
  codes: list(z.string()).pipe(z.array(z.string()).max(100, 'Specify 100 or fewer.')).optional(),
  name: z.string().max(64, 'Enter 64 or fewer characters.').optional(),
  spaceIds: list(idParam).optional(),
  limit: intParam(1, 100).default(100),
  offset: intParam(0, Number.MAX_SAFE_INTEGER).default(0),
});

export const appIdParams = z.object({ id: idParam });
export const formParams = z.object({
  app: idParam,
  lang: z.enum(['default', 'en', 'ja', 'zh', 'user']).optional(),
});
export const getRecordParams = z.object({ app: idParam, id: idParam });
export const getRecordsParams = z.object({
  app: idParam,
  fields: list(z.string()).optional(),
  query: z.string().max(100_000).default(''),
  totalCount: boolParam.default(false),
});
export const fileKeyParams = z.object({ fileKey: z.string().min(1, 'Required.') });

const updateKey = z.object({
  field: z.string().min(1, 'Required.'),
  value: z.union([z.string(), z.number()]).transform(String),
});
const revision = z
  .union([z.string(), z.number()])
  .transform((v) => Number(v))
  .refine((v) => Number.isInteger(v) && v >= -1, 'Enter a revision number or -1.')
  .optional()
  .nullable();
const recordBody = z.record(z.string(), z.unknown());

export const addRecordBody = z.object({ app: idParam, record: recordBody.optional() });
export const addRecordsBody = z.object({
  app: idParam,
  records: z.array(recordBody).min(1, 'Required.').max(100, 'Specify 100 or fewer records.'),
});

const updateTarget = {
  id: idParam.optional(),
  updateKey: updateKey.optional(),
  revision,
  record: recordBody.optional(),
};
export const updateRecordBody = z.object({ app: idParam, ...updateTarget });
export const updateRecordsBody = z.object({
  app: idParam,
  records: z.array(z.object(updateTarget)).min(1, 'Required.').max(100, 'Specify 100 or fewer records.'),
  upsert: z.boolean().optional(),
});

export const addCommentBody = z.object({
  app: idParam,
  record: idParam,
  comment: z.object({
    text: z.string().min(1, 'Required.').max(65_535, 'Enter 65535 or fewer characters.'),
    mentions: z
      .array(
        z.object({
          code: z.string().min(1, 'Required.'),
          type: z.enum(['USER', 'GROUP', 'ORGANIZATION']).default('USER'),
        }),
      )
      .max(10, 'Specify 10 or fewer mentions.')
      .default([]),
  }),
});

/** `records[0].id` — the key style of Kintone's `errors`. */
export function errorKey(path: readonly PropertyKey[]): string {
  let key = '';
  for (const p of path) key += typeof p === 'number' ? `[${p}]` : key ? `.${String(p)}` : String(p);
  return key;
}

/** Parses or throws CB_VA01 with one entry per problem, keyed like Kintone's. */
export function parseOrThrow<T extends z.ZodType>(schema: T, data: unknown): z.output<T> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = errorKey(issue.path) || 'request';
    // zod words a missing value by its expected type; Kintone just says it is required.
    const given = issue.path.reduce<unknown>(
      (v, p) => (typeof v === 'object' && v !== null ? (v as Record<PropertyKey, unknown>)[p] : undefined),
      data ?? {},
    );
    const message = given === undefined && issue.code !== 'custom' ? 'Required.' : issue.message;
    const entry = errors[key] ?? { messages: [] };
    entry.messages.push(message);
    errors[key] = entry;
  }
  throw err.validation(errors);
}
