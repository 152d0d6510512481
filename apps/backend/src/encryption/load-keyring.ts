import type { Config } from '../config/config.js';
import { loadDevKeys } from './dev-key-file.js';
import { Keyring } from './keyring.js';

/** The configured keys, or, on the embedded default, the generated development keys in the data folder. */
export async function loadKeyring(config: Config): Promise<Keyring> {
  if (config.encryptionKeys.length > 0) return new Keyring(config.encryptionKeys, config.activeKeyId!);
  const dev = await loadDevKeys(config.dataDir);
  return new Keyring(dev.keys, dev.activeKeyId);
}
