// @ts-check
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { aptInstall, capture, isRoot, run } from './shell.mjs';

/** The newest Debian PostgreSQL's bin folder, or undefined when none is installed. */
function findBinDir() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts a throwaway PostgreSQL server in a temporary folder (installing Debian's postgresql if it is
 * missing). initdb and postgres refuse to run as root, so as root they run as the `postgres` user.
 * @returns {Promise<{ url: string, version: string, stop: () => Promise<void> }>}
 */
export async function startThrowawayPostgres() {
  let bin = findBinDir();
  if (!bin) {
    await aptInstall(['postgresql'], 'The real-PostgreSQL test job');
    bin = findBinDir();
    if (!bin) throw new Error('postgresql was installed but no initdb was found under /usr/lib/postgresql');
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'notta-pg-'));
  let runAs = /** @type {string[]} */ ([]);
  if (isRoot) {
    const uid = Number(capture('id', ['-u', 'postgres']).stdout);
    const gid = Number(capture('id', ['-g', 'postgres']).stdout);
    if (!uid) throw new Error("The postgres user does not exist; reinstall Debian's postgresql package");
    await chown(dir, uid, gid);
    runAs = ['runuser', '-u', 'postgres', '--'];
  }
  /**
   * The command line for one PostgreSQL program, run as `postgres` when we are root.
   * @param {string} program
   * @param {string[]} args
   * @returns {[string, string[]]}
   */
  const command = (program, args) => {
    const full = [...runAs, path.join(bin, program), ...args];
    return [full[0] ?? program, full.slice(1)];
  };
  const data = path.join(dir, 'data');
  const initCode = await run(
    ...command('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]),
    {},
  );
  if (initCode !== 0) throw new Error('initdb failed');

  const port = await freePort();
  const server = spawn(
    ...command('postgres', [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
    ]),
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  server.stderr?.on('data', (c) => {
    stderr = (stderr + c.toString()).slice(-4000);
  });
  const exited = new Promise((resolve) => server.once('exit', resolve));

  const deadline = Date.now() + 30_000;
  while (
    !capture(path.join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres']).ok
  ) {
    if (server.exitCode !== null || Date.now() > deadline) {
      server.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
      throw new Error(`PostgreSQL did not start:\n${stderr}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const version = capture(path.join(bin, 'postgres'), ['--version']).stdout;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    version,
    async stop() {
      // Signal the postmaster itself (runuser does not pass SIGINT on): fast shutdown, clients cut off.
      const pid = Number(readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      try {
        process.kill(pid || (server.pid ?? 0), 'SIGINT');
      } catch {
        server.kill('SIGINT');
      }
      const timer = setTimeout(() => server.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
