import { createSimApp } from './app.js';
import { loadSimConfig, SimConfigError } from './config.js';
import { defaultState, SeedError, stateFromSeedFile } from './tenant/seed.js';
import { readSnapshot, writeSnapshot } from './tenant/snapshot.js';
import { Tenant } from './tenant/tenant.js';

function fail(message: string): never {
  process.stderr.write(`kintone-sim: ${message}\n`);
  process.exit(78);
}

let config: ReturnType<typeof loadSimConfig>;
let tenant: Tenant;
try {
  config = loadSimConfig(process.env, process.argv.slice(2));
  const snapshot = config.snapshotFile ? readSnapshot(config.snapshotFile) : undefined;
  tenant = new Tenant(snapshot ?? (config.seedFile ? stateFromSeedFile(config.seedFile) : defaultState()));
} catch (error) {
  if (error instanceof SimConfigError || error instanceof SeedError) fail(error.message);
  fail((error as Error).message);
}

const { app } = createSimApp(config, { tenant });
const server = app.listen(config.port, config.host, () => {
  const admin = tenant.state.users.find((u) => u.isAdmin);
  process.stdout.write(
    `kintone-sim: one Kintone tenant at ${config.publicUrl}` +
      (admin ? ` (administrator: ${admin.code} / ${admin.password})` : '') +
      (config.testMode ? ' [test mode]' : '') +
      '\n',
  );
});
server.on('error', (error) => fail(error.message));

let lastSaved = '';
const save = () => {
  if (!config.snapshotFile) return;
  const json = JSON.stringify(tenant.state);
  if (json === lastSaved) return;
  writeSnapshot(config.snapshotFile, tenant.state);
  lastSaved = json;
};
const timer = config.snapshotFile ? setInterval(save, 2000) : undefined;

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (timer) clearInterval(timer);
    save();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
