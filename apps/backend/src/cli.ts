#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { emailSchema, type Plan, planSchema, plans, type Role, roleSchema, roles } from '@notta/shared';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import {
  addMember,
  createWorkspace,
  listWorkspaces,
  removeMember,
  setMemberRole,
  setWorkspacePlan,
} from './accounts/workspaces.js';
import { ConfigError, loadConfig } from './config/config.js';
import { addDevKey, loadDevKeys, pruneDevKeys } from './encryption/dev-key-file.js';
import { Keyring } from './encryption/keyring.js';
import { loadKeyring } from './encryption/load-keyring.js';
import { keyIdsInUse, rotateEncryption } from './encryption/rotate.js';
import { openDatabase } from './storage/database.js';
import { migrateToLatest } from './storage/migrate.js';
import type { Database } from './storage/schema.js';

const usage = `Usage: notta-backend <command> [options]

Commands:
  migrate                 Bring the database schema up to date.
  rotate-keys             Re-encrypt every stored secret under the active encryption key.
      --new-dev-key       (embedded default only) generate a new development key first, make it active,
                          and drop the old ones once nothing uses them.
  workspace create --name NAME --plan PLAN
                          Create a workspace (plans: free, pro, business, enterprise).
  workspace list          List workspaces with their plan and number of members.
  workspace set-plan --workspace ID --plan PLAN
                          Change a workspace's plan.
  member add --workspace ID --email EMAIL --name NAME --role ROLE [--password PASSWORD]
                          Add a member (roles: owner, admin, member), creating the user if the email is new.
                          Without --password a new user gets a generated password, printed once.
  member set-role --workspace ID --email EMAIL --role ROLE
                          Change a member's role (a workspace keeps at least one owner).
  member remove --workspace ID --email EMAIL
                          Remove a member from a workspace (the user account stays).
  help                    Show this text.

With ENCRYPTION_KEYS configured: list the new key first (or name it in ENCRYPTION_ACTIVE_KEY_ID), keep the
old ones listed, run rotate-keys, then remove the old keys from the configuration.

Prefer letting member add generate passwords: a --password value stays in the shell history. Workspace and
member changes are written to the workspace's audit log with no actor (the operator).`;

class UsageError extends Error {}

const options = {
  'new-dev-key': { type: 'boolean' },
  help: { type: 'boolean' },
  name: { type: 'string' },
  plan: { type: 'string' },
  workspace: { type: 'string' },
  email: { type: 'string' },
  role: { type: 'string' },
  password: { type: 'string' },
} as const;
type Flag = Exclude<keyof typeof options, 'help'>;

/** Which flags each command takes; the ones in `required` must be present. */
const commands: Record<string, { flags: Flag[]; required: Flag[] }> = {
  migrate: { flags: [], required: [] },
  'rotate-keys': { flags: ['new-dev-key'], required: [] },
  'workspace create': { flags: ['name', 'plan'], required: ['name', 'plan'] },
  'workspace list': { flags: [], required: [] },
  'workspace set-plan': { flags: ['workspace', 'plan'], required: ['workspace', 'plan'] },
  'member add': {
    flags: ['workspace', 'email', 'name', 'role', 'password'],
    required: ['workspace', 'email', 'name', 'role'],
  },
  'member set-role': { flags: ['workspace', 'email', 'role'], required: ['workspace', 'email', 'role'] },
  'member remove': { flags: ['workspace', 'email'], required: ['workspace', 'email'] },
};

const flagSchemas = {
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  plan: planSchema,
  workspace: z.uuid({ message: 'must be a workspace id (see: workspace list)' }),
  email: emailSchema,
  role: roleSchema,
  password: z.string().min(8, 'must be at least 8 characters').max(1024, 'is too long'),
} satisfies Record<Exclude<Flag, 'new-dev-key'>, z.ZodType>;

/** Parses one flag with its shared schema; a bad value is a usage error naming the flag (not the password). */
function flag<F extends keyof typeof flagSchemas>(
  values: Partial<Record<Flag, unknown>>,
  name: F,
): z.infer<(typeof flagSchemas)[F]> {
  const result = flagSchemas[name].safeParse(values[name]);
  if (result.success) return result.data as z.infer<(typeof flagSchemas)[F]>;
  const shown = name === 'password' ? '' : ` "${String(values[name])}"`;
  const message =
    name === 'plan' || name === 'role'
      ? `must be one of ${(name === 'plan' ? plans : roles).join(', ')}`
      : (result.error.issues[0]?.message ?? 'is not valid');
  throw new UsageError(`--${name}${shown} ${message}`);
}

/** Failures of an operator command that are not usage mistakes (unknown workspace, last owner…). */
class OperatorError extends Error {}

async function run(argv: string[]): Promise<void> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true; strict: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [first, ...rest] = parsed.positionals;
  if (parsed.values.help || first === 'help' || first === undefined) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  const grouped = first === 'workspace' || first === 'member';
  if (grouped && rest[0] === undefined) throw new UsageError(`"${first}" needs a subcommand`);
  const command = grouped ? `${first} ${rest.shift()}` : first;
  if (rest.length > 0) throw new UsageError(`Unexpected argument "${rest[0]}"`);
  const spec = commands[command];
  if (!spec) throw new UsageError(`Unknown command "${command}"`);
  const values = parsed.values as Partial<Record<Flag, unknown>>;
  for (const name of Object.keys(values) as (Flag | 'help')[]) {
    if (name !== 'help' && !spec.flags.includes(name)) {
      throw new UsageError(
        name === 'new-dev-key'
          ? '--new-dev-key only goes with rotate-keys'
          : `--${name} does not go with ${command}`,
      );
    }
  }
  for (const name of spec.required) {
    if (values[name] === undefined) throw new UsageError(`${command} needs --${name}`);
  }

  if (command.startsWith('workspace ') || command.startsWith('member ')) {
    // Validate every value before touching configuration or the database.
    const input = Object.fromEntries(
      spec.flags
        .filter((f) => values[f] !== undefined)
        .map((f) => [f, flag(values, f as keyof typeof flagSchemas)]),
    ) as { [F in keyof typeof flagSchemas]?: z.infer<(typeof flagSchemas)[F]> };
    const config = loadConfig();
    const database = await openDatabase(config.database);
    try {
      await migrateToLatest(database.db);
      await runAccountsCommand(database.db, command, input);
    } finally {
      await database.close();
    }
    return;
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

type AccountsInput = {
  name?: string;
  plan?: Plan;
  workspace?: string;
  email?: string;
  role?: Role;
  password?: string;
};

async function runAccountsCommand(
  db: Kysely<Database>,
  command: string,
  input: AccountsInput,
): Promise<void> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('validated above');
    return value;
  };
  const workspaceId = input.workspace ?? '';
  switch (command) {
    case 'workspace create': {
      const ws = await createWorkspace(db, { name: need(input.name), plan: need(input.plan) });
      out(`Created workspace "${ws.name}" (${ws.plan}): ${ws.id}`);
      return;
    }
    case 'workspace list': {
      const list = await listWorkspaces(db);
      if (list.length === 0)
        out('No workspaces yet. Create one with: workspace create --name NAME --plan PLAN');
      for (const ws of list)
        out(`${ws.id}  ${ws.plan.padEnd(10)}  ${String(ws.members).padStart(3)} member(s)  ${ws.name}`);
      return;
    }
    case 'workspace set-plan': {
      const changed = await setWorkspacePlan(db, workspaceId, need(input.plan));
      if (!changed) throw new OperatorError(`No workspace ${workspaceId} (see: workspace list)`);
      out(`Workspace ${workspaceId}: plan ${changed.from} -> ${changed.to}`);
      return;
    }
    case 'member add': {
      const email = need(input.email);
      const result = await addMember(db, {
        workspaceId,
        email,
        name: need(input.name),
        role: need(input.role),
        ...(input.password !== undefined ? { password: input.password } : {}),
      });
      if (!result.ok) {
        throw new OperatorError(
          {
            'workspace-not-found': `No workspace ${workspaceId} (see: workspace list)`,
            'already-member': `${email} is already a member of ${workspaceId}; use member set-role to change the role`,
            'password-for-existing-user': `${email} already has an account; its password is unchanged, so leave out --password`,
          }[result.reason],
        );
      }
      out(`Added ${email} to ${workspaceId} as ${input.role}${result.userCreated ? ' (new user)' : ''}`);
      if (result.generatedPassword) {
        out(`Generated password (shown once, hand it over securely): ${result.generatedPassword}`);
      }
      return;
    }
    case 'member set-role':
    case 'member remove': {
      const email = need(input.email);
      const result =
        command === 'member remove'
          ? await removeMember(db, { workspaceId, email })
          : await setMemberRole(db, { workspaceId, email, role: need(input.role) });
      if (!result.ok) {
        throw new OperatorError(
          result.reason === 'last-owner'
            ? `${email} is the workspace's only owner; make someone else owner first`
            : `${email} is not a member of workspace ${workspaceId}`,
        );
      }
      out(
        command === 'member remove'
          ? `Removed ${email} (${result.from}) from ${workspaceId}`
          : `${email} in ${workspaceId}: role ${result.from} -> ${input.role}`,
      );
      return;
    }
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
  if (error instanceof OperatorError) {
    process.stderr.write(`notta-backend: ${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`notta-backend: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
