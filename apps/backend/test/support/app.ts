import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config/config.js';
import { Keyring } from '../../src/encryption/keyring.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/http/logger.js';
import type { DatabaseHandle } from '../../src/storage/database.js';

/** The backend app as the entry point builds it, on a given database, with its log lines captured. */
export function buildTestApp(database: DatabaseHandle, env: NodeJS.ProcessEnv = {}) {
  const config = loadConfig({ NODE_ENV: 'test', ...env });
  const logLines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      logLines.push(String(chunk));
      done();
    },
  });
  const logger = createLogger({ level: 'info', destination });
  const keyring = new Keyring([{ id: 'test', key: randomBytes(32) }], 'test');
  const app = createApp({ config, database, keyring, logger, version: '0.0.0-test' });
  return { app, config, logLines };
}
