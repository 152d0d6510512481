import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/config.js';

const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');

function problemsOf(env: NodeJS.ProcessEnv): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('configuration from the environment', () => {
  it('starts on embedded defaults with nothing configured', () => {
    const config = loadConfig({});
    expect(config.database.engine).toBe('pglite');
    expect(config.port).toBe(3000);
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.encryptionKeys).toEqual([]);
    expect(config.egress).toEqual({ ip: '127.0.0.1', cidr: '127.0.0.1/32' });
  });

  it('uses a PostgreSQL server when DATABASE_URL is set, with configured keys', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://notta:pw@db.internal:5432/notta',
      ENCRYPTION_KEYS: `old:${key(1)},new:${key(2)}`,
      ENCRYPTION_ACTIVE_KEY_ID: 'new',
    });
    expect(config.database).toEqual({
      engine: 'postgres',
      url: 'postgres://notta:pw@db.internal:5432/notta',
    });
    expect(config.activeKeyId).toBe('new');
    expect(config.encryptionKeys.map((k) => k.id)).toEqual(['new', 'old']);
  });

  it('refuses a malformed DATABASE_URL, naming it without echoing the value', () => {
    const problems = problemsOf({
      DATABASE_URL: 'mysql://root:hunter2@db/notta',
      ENCRYPTION_KEYS: `k:${key(1)}`,
    });
    expect(problems.map((p) => p.variable)).toEqual(['DATABASE_URL']);
    expect(JSON.stringify(problems)).not.toContain('hunter2');
  });

  it('refuses an encryption key that is not 32 base64 bytes, and never prints key material', () => {
    const short = Buffer.alloc(16, 7).toString('base64');
    const problems = problemsOf({ ENCRYPTION_KEYS: `k1:${short}` });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.variable).toBe('ENCRYPTION_KEYS');
    expect(problems[0]!.message).toContain('32 bytes');
    expect(problems[0]!.message).not.toContain(short);
    expect(problemsOf({ ENCRYPTION_KEYS: 'no-colon-here' })[0]!.variable).toBe('ENCRYPTION_KEYS');
    expect(problemsOf({ ENCRYPTION_KEYS: `a:${key(1)},a:${key(2)}` })[0]!.message).toContain('twice');
  });

  it('names every bad variable at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      LOG_LEVEL: 'loud',
      EGRESS_IP: '300.1.1.1',
      EGRESS_CIDR: '10.0.0.0/33',
    });
    expect(problems.map((p) => p.variable).sort()).toEqual(['EGRESS_CIDR', 'EGRESS_IP', 'LOG_LEVEL', 'PORT']);
  });

  it('requires shared keys with a database server, and https plus an egress IP in production', () => {
    expect(problemsOf({ DATABASE_URL: 'postgres://db/notta' }).map((p) => p.variable)).toEqual([
      'ENCRYPTION_KEYS',
    ]);
    expect(
      problemsOf({
        NODE_ENV: 'production',
        ENCRYPTION_KEYS: `k:${key(3)}`,
        PUBLIC_URL: 'http://notta.example.com',
      })
        .map((p) => p.variable)
        .sort(),
    ).toEqual(['EGRESS_IP', 'PUBLIC_URL']);
    expect(
      problemsOf({ ENCRYPTION_KEYS: `k:${key(3)}`, ENCRYPTION_ACTIVE_KEY_ID: 'other' })[0]!.variable,
    ).toBe('ENCRYPTION_ACTIVE_KEY_ID');
  });

  it('accepts development Kintone origins only as bare origins', () => {
    expect(
      loadConfig({ KINTONE_DEV_ORIGINS: 'http://localhost:3100, http://127.0.0.1:3101' }).kintoneDevOrigins,
    ).toEqual(['http://localhost:3100', 'http://127.0.0.1:3101']);
    expect(problemsOf({ KINTONE_DEV_ORIGINS: 'http://localhost:3100/oauth2' })[0]!.variable).toBe(
      'KINTONE_DEV_ORIGINS',
    );
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ', PORT: '' }).database.engine).toBe('pglite');
  });
});
