import { type Logger, pino } from 'pino';

/**
 * Anything that may carry a credential. pino replaces these paths before a line is written,
 * so a secret cannot reach the log even when a whole object is logged by mistake.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-notta-plugin-key"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.clientSecret',
  '*.client_secret',
  '*.accessToken',
  '*.access_token',
  '*.refreshToken',
  '*.refresh_token',
  '*.code',
  '*.pluginKey',
  '*.key',
  'config.encryptionKeys',
  'config.database.url',
];

export function createLogger(options: { level: string; destination?: NodeJS.WritableStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'notta-backend' },
      redact: { paths: redactedPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    options.destination as pino.DestinationStream | undefined,
  );
}

export type { Logger };
