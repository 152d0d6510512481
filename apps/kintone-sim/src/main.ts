import { createSimApp } from './app.js';
import { loadSimConfig, SimConfigError } from './config.js';

let config: ReturnType<typeof loadSimConfig>;
try {
  config = loadSimConfig();
} catch (error) {
  if (error instanceof SimConfigError) {
    process.stderr.write(`kintone-sim: ${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
const server = createSimApp(config).listen(config.port, config.host, () => {
  process.stdout.write(`kintone-sim: one Kintone tenant at ${config.publicUrl}\n`);
});
server.on('error', (error) => {
  process.stderr.write(`kintone-sim: ${error.message}\n`);
  process.exit(1);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
