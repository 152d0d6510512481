#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/config.js';
import { addDevKey, loadDevKeys, pruneDevKeys } from './encryption/dev-key-file.js';
import { Keyring } from './encryption/keyring.js';
import { loadKeyring } from './encryption/load-keyring.js';
import { keyIdsInUse, rotateEncryption } from './encryption/rotate.js';
import { openDatabase } from './storage/database.js';
import { migrateToLatest } from './storage/migrate.js';

const usage = `Usage: notta-backend <command> [options]

Commands:
  migrate                 Bring the database schema up to date.
  rotate-keys             Re-encrypt every stored secret under the active encryption key.
      --new-dev-key       (embedded default only) generate a new development key first, make it active,
                          and drop the old ones once nothing uses them.
  help                    Show this text.

With ENCRYPTION_KEYS configured: list the new key first (or name it in ENCRYPTION_ACTIVE_KEY_ID), keep the
old ones listed, run rotate-keys, then remove the old keys from the configuration.`;

class UsageError extends Error {}

async function run(argv: string[]): Promise<void> {
  let parsed: ReturnType<
    typeof parseArgs<{
      options: { 'new-dev-key': { type: 'boolean' }; help: { type: 'boolean' } };
      allowPositionals: true;
      strict: true;
    }>
  >;
  try {
    parsed = parseArgs({
      args: argv,
      options: { 'new-dev-key': { type: 'boolean' }, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [command, ...rest] = parsed.positionals;
  if (parsed.values.help || command === 'help' || command === undefined) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}"`);
  if (command !== 'migrate' && command !== 'rotate-keys')
    throw new UsageError(`Unknown command "${command}"`);
  if (parsed.values['new-dev-key'] && command !== 'rotate-keys') {
    throw new UsageError('--new-dev-key only goes with rotate-keys');
  }

  const config = loadConfig();
  const database = await openDatabase(config.database);
  try {
    const applied = await migrateToLatest(database.db);
    if (command === 'migrate') {
      process.stdout.write(
        applied.length ? `Applied: ${applied.join(', ')}\n` : 'Schema already up to date.\n',
      );
      return;
    }
    let keyring: Keyring;
    if (parsed.values['new-dev-key']) {
      if (config.encryptionKeys.length > 0) {
        throw new UsageError(
          '--new-dev-key is for the embedded default; with ENCRYPTION_KEYS, add the new key there',
        );
      }
      const set = await addDevKey(config.dataDir);
      keyring = new Keyring(set.keys, set.activeKeyId);
    } else {
      keyring = await loadKeyring(config);
    }
    const report = await rotateEncryption(database.db, keyring);
    const total = Object.values(report.rewritten).reduce((a, b) => a + b, 0);
    for (const [column, n] of Object.entries(report.rewritten))
      process.stdout.write(`${column}: ${n} re-encrypted\n`);
    process.stdout.write(
      `Re-encrypted ${total} secret(s) under key "${keyring.activeKeyId}"; ${report.alreadyCurrent} already used it.\n`,
    );
    const inUse = await keyIdsInUse(database.db);
    const retired = keyring.keyIds.filter((id) => !inUse.includes(id) && id !== keyring.activeKeyId);
    if (config.encryptionKeys.length === 0) {
      await pruneDevKeys(config.dataDir, await loadDevKeys(config.dataDir));
      if (retired.length) process.stdout.write(`Removed unused development key(s): ${retired.join(', ')}\n`);
    } else if (retired.length) {
      process.stdout.write(
        `No secret uses key(s) ${retired.join(', ')} any more: remove them from ENCRYPTION_KEYS.\n`,
      );
    }
  } finally {
    await database.close();
  }
}

run(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`notta-backend: ${error.message}\n\n${usage}\n`);
    process.exit(64); // EX_USAGE
  }
  if (error instanceof ConfigError) {
    process.stderr.write(`notta-backend: ${error.message}\n`);
    process.exit(78);
  }
  process.stderr.write(`notta-backend: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
