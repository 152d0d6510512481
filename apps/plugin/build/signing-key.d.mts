export const DEV_KEY_FILE: string;

export class SigningKeyError extends Error {}

export interface SigningKey {
  /** PKCS#1 PEM. Never print it. */
  pem: string;
  /** Where the key came from, safe to print. */
  source: string;
  development: boolean;
}

export function pluginIdOfPrivateKey(pem: string): string;

export function resolveSigningKey(options: {
  env?: Record<string, string | undefined>;
  appDir: string;
  cwd?: string;
}): SigningKey;
