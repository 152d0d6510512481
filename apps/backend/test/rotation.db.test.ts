import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAccessToken, openRefreshToken, sealTokens } from '../src/connections/grants-store.js';
import { Keyring } from '../src/encryption/keyring.js';
import { keyIdsInUse, rotateEncryption } from '../src/encryption/rotate.js';
import { readClientCredentials, saveClientCredentials } from '../src/kintone-setup/credentials-store.js';
import type { DatabaseHandle } from '../src/storage/database.js';
import { engineUnderTest, freshDatabase } from './support/database.js';

const oldKey = { id: 'k2025', key: randomBytes(32) };
const newKey = { id: 'k2026', key: randomBytes(32) };

describe(`key rotation re-encrypts every stored secret (${engineUnderTest})`, () => {
  let handle: DatabaseHandle;
  const workspaceIds: string[] = [];
  const grantId = randomUUID();

  beforeAll(async () => {
    handle = await freshDatabase();
    const oldRing = new Keyring([oldKey], oldKey.id);
    for (let i = 0; i < 3; i++) {
      const ws = await handle.db
        .insertInto('workspaces')
        .values({ name: `Workspace ${i}`, plan: 'business' })
        .returning('id')
        .executeTakeFirstOrThrow();
      workspaceIds.push(ws.id);
      await saveClientCredentials(handle.db, oldRing, ws.id, {
        baseUrl: `https://tenant${i}.cybozu.com`,
        clientId: `client-${i}`,
        clientSecret: `secret-${i}`,
      });
    }
    // A member's Kintone grant: its access and refresh tokens are secrets too.
    const user = await handle.db
      .insertInto('users')
      .values({ email: 'ada@example.com', name: 'Ada', password_hash: 'unused' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await handle.db
      .insertInto('memberships')
      .values({ workspace_id: workspaceIds[0]!, user_id: user.id, role: 'admin' })
      .execute();
    await handle.db
      .insertInto('kintone_grants')
      .values({
        id: grantId,
        workspace_id: workspaceIds[0]!,
        user_id: user.id,
        base_url: 'https://tenant0.cybozu.com',
        status: 'connected',
        ...sealTokens(oldRing, grantId, {
          accessToken: 'access-0',
          refreshToken: 'refresh-0',
          expiresAt: new Date(Date.now() + 3_600_000),
          scope: 'k:app_record:read',
        }),
      })
      .execute();
  });
  afterAll(() => handle?.close());

  it('stores client secrets only as ciphertext', async () => {
    const { rows } = await sql<{
      client_secret: string;
    }>`select client_secret from kintone_integrations`.execute(handle.db);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.client_secret).not.toMatch(/secret-\d/);
      expect(Keyring.keyIdOf(row.client_secret)).toBe('k2025');
    }
  });

  it('moves every secret to the new key, after which the old key is no longer needed', async () => {
    const both = new Keyring([newKey, oldKey], newKey.id);
    const report = await rotateEncryption(handle.db, both);
    expect(report.rewritten['kintone_integrations.client_secret']).toBe(3);
    expect(report.rewritten['kintone_grants.access_token']).toBe(1);
    expect(report.rewritten['kintone_grants.refresh_token']).toBe(1);
    expect(await keyIdsInUse(handle.db)).toEqual(['k2026']);

    const onlyNew = new Keyring([newKey], newKey.id);
    for (const [i, id] of workspaceIds.entries()) {
      expect(await readClientCredentials(handle.db, onlyNew, id)).toEqual({
        baseUrl: `https://tenant${i}.cybozu.com`,
        clientId: `client-${i}`,
        clientSecret: `secret-${i}`,
      });
    }
  });

  it('keeps grant tokens readable under the new key alone', async () => {
    const onlyNew = new Keyring([newKey], newKey.id);
    const grant = await handle.db
      .selectFrom('kintone_grants')
      .selectAll()
      .where('id', '=', grantId)
      .executeTakeFirstOrThrow();
    expect(openAccessToken(onlyNew, grant)).toBe('access-0');
    expect(openRefreshToken(onlyNew, grant)).toBe('refresh-0');
  });

  it('is harmless to run twice', async () => {
    const report = await rotateEncryption(handle.db, new Keyring([newKey], newKey.id));
    expect(report.rewritten['kintone_integrations.client_secret']).toBe(0);
    expect(report.alreadyCurrent).toBe(5); // three client secrets and a grant's two tokens
  });

  it('changes nothing when a secret is under a key that is not configured', async () => {
    const stranger = { id: 'k-other', key: randomBytes(32) };
    await saveClientCredentials(handle.db, new Keyring([stranger], stranger.id), workspaceIds[0]!, {
      baseUrl: 'https://tenant0.cybozu.com',
      clientId: 'client-0',
      clientSecret: 'secret-x',
    });
    const before = await sql<{
      v: string;
    }>`select client_secret as v from kintone_integrations order by workspace_id`.execute(handle.db);
    await expect(rotateEncryption(handle.db, new Keyring([newKey], newKey.id))).rejects.toThrow(/k-other/);
    const after = await sql<{
      v: string;
    }>`select client_secret as v from kintone_integrations order by workspace_id`.execute(handle.db);
    expect(after.rows).toEqual(before.rows);
  });
});
