import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// These run the built entry points exactly as operators do (turbo builds before it tests).
const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');

function runNode(file: string, args: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(process.execPath, [path.join(dist, file), ...args], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe.runIf(existsSync(path.join(dist, 'main.js')))('starting the backend', () => {
  it('stops with a message naming a malformed DATABASE_URL, without printing it', () => {
    const r = runNode('main.js', [], {
      DATABASE_URL: 'postgres//admin:s3cret@db',
      ENCRYPTION_KEYS: `k:${Buffer.alloc(32).toString('base64')}`,
    });
    expect(r.code).toBe(78);
    expect(r.stderr).toContain('DATABASE_URL');
    expect(r.stderr).not.toContain('s3cret');
  });

  it('stops with a message naming a bad encryption key', () => {
    const r = runNode('main.js', [], { ENCRYPTION_KEYS: 'main:not-base64-and-short' });
    expect(r.code).toBe(78);
    expect(r.stderr).toMatch(/ENCRYPTION_KEYS: .*32 bytes/);
    expect(r.stderr).not.toContain('not-base64-and-short');
  });
});

describe.runIf(existsSync(path.join(dist, 'cli.js')))('operator CLI', () => {
  it('rotates the embedded default onto a new development key and drops the old one', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'notta-cli-'));
    const first = runNode('cli.js', ['migrate'], { DATA_DIR: dataDir });
    expect(first.stdout).toContain('Applied: 0001-foundation');
    const plain = runNode('cli.js', ['rotate-keys'], { DATA_DIR: dataDir });
    expect(plain.stdout).toContain('Re-encrypted 0 secret(s)');
    const before = JSON.parse(await readFile(path.join(dataDir, 'encryption-keys.json'), 'utf8')).active;
    const r = runNode('cli.js', ['rotate-keys', '--new-dev-key'], { DATA_DIR: dataDir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const keys = JSON.parse(await readFile(path.join(dataDir, 'encryption-keys.json'), 'utf8'));
    expect(keys.active).not.toBe(before);
    expect(keys.keys.map((k: { id: string }) => k.id)).toEqual([keys.active]);
    expect(r.stdout).toContain(`under key "${keys.active}"`);
  });

  it('refuses an unknown flag with usage, changing nothing', () => {
    const r = runNode('cli.js', ['rotate-keys', '--force'], { DATA_DIR: '/nonexistent/never-created' });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("Unknown option '--force'");
    expect(existsSync('/nonexistent/never-created')).toBe(false);
  });
});
