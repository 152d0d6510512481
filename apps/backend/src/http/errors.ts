import { type ErrorCode, toApiErrorBody } from '@notta/shared';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { z } from 'zod';
import type { Logger } from './logger.js';

/** A failure a user can meet: a catalogue code plus what fills its placeholders. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly fields?: { path: string; message: string }[],
  ) {
    super(code);
    this.name = 'AppError';
  }
}

/**
 * Parses untrusted input with a shared zod schema. Failure is a REQUEST_INVALID that names each bad field
 * (prefixed with where it came from: body, query, params), never a 500.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params',
): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new AppError('REQUEST_INVALID', { fields: fields.map((f) => f.path).join(', ') }, fields);
}

export const notFound: RequestHandler = (_req, _res, next) => next(new AppError('NOT_FOUND'));

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const requestId = String(req.id ?? '');
    let appError: AppError;
    if (err instanceof AppError) {
      appError = err;
    } else if (isBodyParserError(err)) {
      // express.json() rejects malformed JSON and oversized bodies before any route runs.
      const message = err.type === 'entity.too.large' ? 'is too large' : 'is not valid JSON';
      appError = new AppError('REQUEST_INVALID', { fields: 'body' }, [{ path: 'body', message }]);
    } else if (statusOf(err) === 404) {
      appError = new AppError('NOT_FOUND');
    } else {
      logger.error({ err, requestId }, 'unhandled error');
      appError = new AppError('INTERNAL');
    }
    const body = toApiErrorBody(appError.code, {
      params: appError.params,
      ...(appError.fields ? { fields: appError.fields } : {}),
      requestId,
    });
    if (res.headersSent) return;
    res.status(body.error.status).json(body);
  };
}

function isBodyParserError(err: unknown): err is { type: string } {
  return (
    typeof err === 'object' &&
    err !== null &&
    'type' in err &&
    (err.type === 'entity.parse.failed' ||
      err.type === 'entity.too.large' ||
      err.type === 'encoding.unsupported')
  );
}

/** http-errors (thrown by express.static and friends) carry their status. */
function statusOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const status =
    (err as { status?: unknown; statusCode?: unknown }).status ??
    (err as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}
