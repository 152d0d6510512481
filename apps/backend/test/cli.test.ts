import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

// The built CLI, run exactly as operators run it (turbo builds before it tests).
const cli = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/cli.js');

function run(args: string[], env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, [cli, ...args], {
    env: { PATH: process.env.PATH, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.runIf(existsSync(cli))('operator CLI: workspaces and members', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    env = { DATA_DIR: await mkdtemp(path.join(tmpdir(), 'notta-cli-accounts-')) };
  });

  it('creates a workspace, adds members, changes plan and roles, and lists the result', () => {
    const created = run(['workspace', 'create', '--name', 'Umbrella', '--plan', 'business'], env);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const id = /: ([0-9a-f-]{36})$/m.exec(created.stdout)?.[1] ?? '';
    expect(id).not.toBe('');

    const owner = run(
      [
        'member',
        'add',
        '--workspace',
        id,
        '--email',
        'Alice@Example.com',
        '--name',
        'Alice',
        '--role',
        'owner',
      ],
      env,
    );
    expect(owner.code).toBe(0);
    expect(owner.stdout).toContain(`Added alice@example.com to ${id} as owner (new user)`);
    expect(owner.stdout).toMatch(/Generated password \(shown once.*\): [A-Za-z0-9_-]{24}\n/);

    const member = run(
      [
        'member',
        'add',
        '--workspace',
        id,
        '--email',
        'bob@example.com',
        '--name',
        'Bob',
        '--role',
        'member',
        '--password',
        'bob-password-1',
      ],
      env,
    );
    expect(member.code).toBe(0);
    expect(member.stdout).not.toContain('Generated password');
    expect(member.stdout).not.toContain('bob-password-1');

    expect(
      run(['member', 'set-role', '--workspace', id, '--email', 'bob@example.com', '--role', 'admin'], env)
        .stdout,
    ).toBe(`bob@example.com in ${id}: role member -> admin\n`);
    expect(run(['workspace', 'set-plan', '--workspace', id, '--plan', 'enterprise'], env).stdout).toBe(
      `Workspace ${id}: plan business -> enterprise\n`,
    );
    const lastOwner = run(['member', 'remove', '--workspace', id, '--email', 'alice@example.com'], env);
    expect(lastOwner.code).toBe(1);
    expect(lastOwner.stderr).toContain('only owner');
    expect(run(['member', 'remove', '--workspace', id, '--email', 'bob@example.com'], env).code).toBe(0);

    const list = run(['workspace', 'list'], env);
    expect(list.stdout).toMatch(new RegExp(`^${id}\\s+enterprise\\s+1 member\\(s\\)\\s+Umbrella$`, 'm'));
  });

  it('refuses a bad plan, role, email or flag with exit 64, naming it, before touching the database', () => {
    const untouched = { DATA_DIR: '/nonexistent/never-created' };
    const plan = run(['workspace', 'create', '--name', 'X', '--plan', 'gold'], untouched);
    expect(plan.code).toBe(64);
    expect(plan.stderr).toContain('--plan "gold" must be one of free, pro, business, enterprise');
    const role = run(
      [
        'member',
        'add',
        '--workspace',
        '00000000-0000-4000-8000-000000000000',
        '--email',
        'a@example.com',
        '--name',
        'A',
        '--role',
        'boss',
      ],
      untouched,
    );
    expect(role.code).toBe(64);
    expect(role.stderr).toContain('--role "boss" must be one of owner, admin, member');
    const email = run(
      ['member', 'remove', '--workspace', '00000000-0000-4000-8000-000000000000', '--email', 'nope'],
      untouched,
    );
    expect(email.code).toBe(64);
    expect(email.stderr).toContain('--email "nope" must be an email address');
    const password = run(
      [
        'member',
        'add',
        '--workspace',
        '00000000-0000-4000-8000-000000000000',
        '--email',
        'a@example.com',
        '--name',
        'A',
        '--role',
        'member',
        '--password',
        'short',
      ],
      untouched,
    );
    expect(password.code).toBe(64);
    expect(password.stderr).toContain('--password must be at least 8 characters');
    expect(password.stderr).not.toContain('short"');
    const missing = run(['workspace', 'create', '--name', 'X'], untouched);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('workspace create needs --plan');
    const stray = run(['workspace', 'list', '--plan', 'pro'], untouched);
    expect(stray.code).toBe(64);
    expect(stray.stderr).toContain('--plan does not go with workspace list');
    const unknown = run(['workspace', 'delete'], untouched);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('Unknown command "workspace delete"');
    expect(existsSync('/nonexistent/never-created')).toBe(false);
  });

  it('an unknown workspace is an error (exit 1), and a configuration error exits 78', () => {
    const unknown = run(
      ['workspace', 'set-plan', '--workspace', '00000000-0000-4000-8000-000000000000', '--plan', 'pro'],
      env,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No workspace 00000000-0000-4000-8000-000000000000');
    const config = run(['workspace', 'list'], { DATABASE_URL: 'postgres//x:y@z' });
    expect(config.code).toBe(78);
    expect(config.stderr).toContain('DATABASE_URL');
  });
});
