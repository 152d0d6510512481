import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callKintoneRest, exchangeCode, KintoneError, refresh } from '../src/kintone-client/index.js';
import { type FakeKintone, startFakeKintone } from './support/fake-kintone.js';

describe('the Kintone client module', () => {
  let fake: FakeKintone;
  let auth: { baseUrl: string; clientId: string; clientSecret: string };
  const options = { timeoutMs: 500 };
  beforeAll(async () => {
    fake = await startFakeKintone();
    auth = { baseUrl: fake.origin, clientId: fake.client.id, clientSecret: fake.client.secret };
  });
  afterAll(() => fake.close());
  beforeEach(() => {
    fake.state.tokenAnswers.length = 0;
    fake.state.restAnswers.length = 0;
    fake.state.calls = { exchange: 0, refresh: 0, token: 0, rest: 0 };
    fake.state.tokenRequests.length = 0;
    fake.state.expiresIn = 3600;
  });

  const exchange = (code = fake.issueCode(), extra: { codeVerifier?: string } = {}) =>
    exchangeCode(options, {
      ...auth,
      code,
      redirectUri: 'http://notta.test/api/kintone/oauth/callback',
      ...extra,
    });
  const failureOf = async (p: Promise<unknown>) => {
    const error = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(KintoneError);
    return (error as KintoneError).code;
  };

  it('exchanges a code with HTTP Basic client authentication and a form body, accepting expires_in as a string', async () => {
    fake.state.expiresIn = '3600';
    const tokens = await exchange(undefined, { codeVerifier: 'v'.repeat(43) });
    expect(tokens.accessToken).toMatch(/^at-/);
    expect(tokens.refreshToken).toMatch(/^rt-/);
    expect(tokens.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
    const sent = fake.state.tokenRequests[0]!;
    expect(sent.authorization).toBe(
      `Basic ${Buffer.from(`${fake.client.id}:${fake.client.secret}`).toString('base64')}`,
    );
    expect(sent.body).toMatchObject({
      grant_type: 'authorization_code',
      redirect_uri: 'http://notta.test/api/kintone/oauth/callback',
      code_verifier: 'v'.repeat(43),
    });
    expect(sent.body.client_secret).toBeUndefined();
  });

  it('keeps the old refresh token when the refresh answer has none (Kintone does not rotate them)', async () => {
    const first = await exchange();
    const renewed = await refresh(options, { ...auth, refreshToken: first.refreshToken });
    expect(renewed.refreshToken).toBe(first.refreshToken);
    expect(renewed.accessToken).not.toBe(first.accessToken);
  });

  it('takes a new refresh token when the answer carries one', async () => {
    fake.state.tokenAnswers.push({
      status: 200,
      json: { access_token: 'at-new', token_type: 'Bearer', expires_in: 3600, refresh_token: 'rt-new' },
    });
    expect((await refresh(options, { ...auth, refreshToken: 'rt-old' })).refreshToken).toBe('rt-new');
  });

  it('translates token endpoint failures into catalogue codes', async () => {
    expect(
      await failureOf(
        exchangeCode(options, { ...auth, clientSecret: 'wrong', code: fake.issueCode(), redirectUri: 'x' }),
      ),
    ).toBe('KINTONE_CLIENT_INVALID');
    const code = fake.issueCode();
    await exchange(code);
    expect(await failureOf(exchange(code))).toBe('KINTONE_AUTHORIZATION_CODE_INVALID');
    expect(await failureOf(refresh(options, { ...auth, refreshToken: 'rt-unknown' }))).toBe(
      'KINTONE_RECONNECT_REQUIRED',
    );
    fake.state.tokenAnswers.push({ status: 403, text: '<html><body>Access Forbidden.</body></html>' });
    expect(await failureOf(exchange())).toBe('KINTONE_TOKEN_IP_FORBIDDEN');
    fake.state.tokenAnswers.push({ status: 200, json: { access_token: 'x' } });
    expect(await failureOf(exchange())).toBe('KINTONE_UNREACHABLE');
  });

  it('never follows a redirect from the token endpoint', async () => {
    fake.state.tokenAnswers.push({ status: 302, location: 'https://evil.example/steal' });
    expect(await failureOf(exchange())).toBe('KINTONE_UNREACHABLE');
    expect(fake.state.calls.token).toBe(1);
  });

  it('retries 429 and 5xx with backoff, then gives up with KINTONE_RATE_LIMITED or KINTONE_UNREACHABLE', async () => {
    fake.state.tokenAnswers.push({ status: 503, text: 'busy' }, { status: 429, text: 'slow down' });
    expect((await exchange()).accessToken).toMatch(/^at-/);
    expect(fake.state.calls.token).toBe(3);
    fake.state.tokenAnswers.push(...Array(3).fill({ status: 429, text: '' }));
    expect(await failureOf(exchange())).toBe('KINTONE_RATE_LIMITED');
    fake.state.tokenAnswers.push(...Array(3).fill({ status: 502, text: '' }));
    expect(await failureOf(exchange())).toBe('KINTONE_UNREACHABLE');
  });

  it('reports an unreachable tenant and a slow one', async () => {
    expect(
      await failureOf(
        exchangeCode(options, { ...auth, baseUrl: 'http://127.0.0.1:9', code: 'c', redirectUri: 'x' }),
      ),
    ).toBe('KINTONE_UNREACHABLE');
    fake.state.tokenAnswers.push({ status: 200, json: {}, delayMs: 1500 });
    expect(await failureOf(exchange())).toBe('KINTONE_TIMEOUT');
  });

  it("translates REST errors from the official client and retries Kintone's 429", async () => {
    const { accessToken } = await exchange();
    const target = { baseUrl: fake.origin, accessToken };
    const getApps = () => callKintoneRest(options, target, (c) => c.app.getApps({ limit: 1 }));
    expect((await getApps()).apps).toHaveLength(1);
    const kintoneError = (status: number, code: string) => ({
      status,
      json: { code, id: 'x', message: code },
    });
    const cases: [ReturnType<typeof kintoneError>, string][] = [
      [kintoneError(401, 'CB_OA01'), 'KINTONE_TOKEN_INVALID'],
      [kintoneError(403, 'CB_OA01'), 'KINTONE_SCOPE_MISSING'],
      [kintoneError(403, 'CB_NO02'), 'KINTONE_NO_PERMISSION'],
      [kintoneError(404, 'GAIA_RE01'), 'KINTONE_RECORD_NOT_FOUND'],
      [kintoneError(400, 'CB_VA01'), 'KINTONE_VALIDATION_FAILED'],
    ];
    for (const [answer, code] of cases) {
      fake.state.restAnswers.push(answer);
      expect(await failureOf(getApps())).toBe(code);
    }
    fake.state.restAnswers.push({ status: 403, text: 'Access Forbidden.' });
    expect(await failureOf(getApps())).toBe('KINTONE_TOKEN_IP_FORBIDDEN');
    fake.state.calls.rest = 0;
    fake.state.restAnswers.push(kintoneError(429, 'CB_TM01'), kintoneError(500, 'GAIA_XX'));
    expect((await getApps()).apps).toHaveLength(1);
    expect(fake.state.calls.rest).toBe(3);
    fake.state.restAnswers.push(...Array(3).fill(kintoneError(429, 'CB_TM01')));
    expect(await failureOf(getApps())).toBe('KINTONE_RATE_LIMITED');
  });
});
