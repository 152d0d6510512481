import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SeedError, stateFromSeedFile } from '../src/tenant/seed.js';

const main = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/main.js');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function start(
  args: string[],
): Promise<{ child: ChildProcess; url: string; output: () => string; stop: () => Promise<void> }> {
  const port = await freePort();
  const child = spawn(process.execPath, [main, '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString();
  });
  const url = `http://localhost:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const stop = async () => {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, url, output: () => output, stop };
}

describe('seed files', () => {
  it('replace the demo users, and a bad one is refused naming the field', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sim-seed-'));
    const good = path.join(dir, 'good.json');
    await writeFile(
      good,
      JSON.stringify({
        users: [
          { code: 'boss', name: 'Boss', password: 'pw', isAdmin: true },
          { code: 'ann', name: 'Ann', password: 'pw' },
        ],
      }),
    );
    expect(stateFromSeedFile(good).users.map((u) => u.code)).toEqual(['boss', 'ann']);

    const bad = path.join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ users: [{ code: 'has space', name: 'X', password: 'pw' }] }));
    expect(() => stateFromSeedFile(bad)).toThrow(SeedError);
    expect(() => stateFromSeedFile(bad)).toThrow(/users\.0\.code/);
    expect(() => stateFromSeedFile(bad)).toThrow(/administrator/);
  });
});

describe.runIf(existsSync(main))('the sim process', () => {
  it('starts alone with a port and a seed file, and says who can sign in', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sim-proc-'));
    const seed = path.join(dir, 'seed.json');
    await writeFile(
      seed,
      JSON.stringify({ users: [{ code: 'boss', name: 'Boss', password: 's3', isAdmin: true }] }),
    );
    const sim = await start(['--seed', seed]);
    expect(sim.output()).toContain('(administrator: boss / s3)');
    const login = await fetch(`${sim.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'boss', password: 's3', redirect: '/k/' }),
      redirect: 'manual',
    });
    expect(login.status).toBe(302);
    const wrong = await fetch(`${sim.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'administrator', password: 'password' }),
      redirect: 'manual',
    });
    expect(wrong.status).toBe(401);
    await sim.stop();
  });

  it('keeps its state across a restart when given a snapshot file', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sim-snap-'));
    const snapshot = path.join(dir, 'tenant.json');
    const first = await start(['--snapshot', snapshot]);
    const created = await fetch(`${first.url}/_sim/oauth/clients`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'Notta',
        redirectUri: 'http://localhost:3000/api/kintone/oauth/callback',
      }),
    });
    expect(created.status).toBe(201);
    const { clientId } = (await created.json()) as { clientId: string };
    await first.stop();
    expect(existsSync(snapshot)).toBe(true);

    const second = await start(['--snapshot', snapshot]);
    const list = (await (await fetch(`${second.url}/_sim/oauth/clients`)).json()) as unknown;
    await second.stop();
    expect(JSON.stringify(list)).toContain(clientId);
  });

  it('refuses a bad flag with a message naming it', () => {
    const r = spawnSync(process.execPath, [main, '--port', 'eighty'], { encoding: 'utf8' });
    expect(r.status).toBe(78);
    expect(r.stderr).toContain('KINTONE_SIM_PORT');
  });
});
