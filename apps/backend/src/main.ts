import type { Server } from 'node:http';
import { DEMO_PASSWORD, DEMO_SIGN_IN_EMAIL, seedDemoIfEmpty } from './accounts/demo-seed.js';
import { ConfigError, loadConfig } from './config/config.js';
import { loadKeyring } from './encryption/load-keyring.js';
import { createApp } from './http/app.js';
import { createLogger } from './http/logger.js';
import { openDatabase } from './storage/database.js';
import { migrateToLatest } from './storage/migrate.js';
import { version } from './version.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`notta-backend: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel });
  const database = await openDatabase(config.database);
  const applied = await migrateToLatest(database.db);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  if (config.demoSeed && (await seedDemoIfEmpty(database.db))) {
    logger.info(`Demo workspaces created: sign in as ${DEMO_SIGN_IN_EMAIL} / ${DEMO_PASSWORD}`);
  }
  const keyring = await loadKeyring(config);
  const app = createApp({ config, database, keyring, logger, version });

  const server: Server = app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  logger.info(
    { url: config.publicUrl, database: database.engine, encryptionKey: keyring.activeKeyId },
    `Notta backend listening on ${config.host}:${config.port}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close(() => {
      database.close().finally(() => process.exit(0));
    });
    server.closeAllConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `notta-backend: failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
