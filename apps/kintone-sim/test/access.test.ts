import type { Request } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  clientAddress,
  ipAllowed,
  normaliseAddress,
  parseAllowedEntry,
  parseIPv4,
} from '../src/access/access-control.js';
import type { SimConfig } from '../src/config.js';
import { createClient, makeSim, tokenRequest } from './support/oauth.js';

const forbidden = (text: string) => {
  expect(text).toContain('Access Forbidden.');
};

describe('ipAllowed (CIDR matching)', () => {
  it('matches single addresses and ranges', () => {
    expect(ipAllowed(['203.0.113.10'], '203.0.113.10')).toBe(true);
    expect(ipAllowed(['203.0.113.10'], '203.0.113.11')).toBe(false);
    expect(ipAllowed(['203.0.113.0/24'], '203.0.113.255')).toBe(true);
    expect(ipAllowed(['203.0.113.0/24'], '203.0.114.0')).toBe(false);
    expect(ipAllowed(['203.0.113.0/28'], '203.0.113.15')).toBe(true);
    expect(ipAllowed(['203.0.113.0/28'], '203.0.113.16')).toBe(false);
  });

  it('treats /32 as one address and /0 as every address', () => {
    expect(ipAllowed(['198.51.100.7/32'], '198.51.100.7')).toBe(true);
    expect(ipAllowed(['198.51.100.7/32'], '198.51.100.8')).toBe(false);
    expect(ipAllowed(['0.0.0.0/0'], '255.255.255.255')).toBe(true);
    expect(ipAllowed(['0.0.0.0/0'], '0.0.0.0')).toBe(true);
  });

  it('masks host bits of a range and handles the top of the address space', () => {
    expect(ipAllowed(['203.0.113.77/24'], '203.0.113.1')).toBe(true);
    expect(ipAllowed(['255.255.255.0/24'], '255.255.255.254')).toBe(true);
    expect(ipAllowed(['128.0.0.0/1'], '200.1.1.1')).toBe(true);
    expect(ipAllowed(['128.0.0.0/1'], '127.255.255.255')).toBe(false);
  });

  it('ignores invalid entries and never matches a non-IPv4 caller', () => {
    const list = ['not-an-ip', '10.0.0.0/33', '300.1.1.1', '1.2.3', '10.0.0.0/', '01.2.3.4', ' 192.0.2.1 '];
    expect(ipAllowed(list, '10.0.0.1')).toBe(false);
    expect(ipAllowed(list, '192.0.2.1')).toBe(true);
    expect(ipAllowed(['0.0.0.0/0'], '::1')).toBe(false);
    expect(ipAllowed([], '127.0.0.1')).toBe(false);
  });

  it('parses entries', () => {
    expect(parseIPv4('192.0.2.1')).toBe(0xc0000201);
    expect(parseIPv4('192.0.2.256')).toBeUndefined();
    expect(parseAllowedEntry('10.1.2.3/8')).toEqual({ network: 0x0a000000, prefix: 8 });
    expect(parseAllowedEntry('10.1.2.3/-1')).toBeUndefined();
    expect(parseAllowedEntry('')).toBeUndefined();
  });
});

describe('clientAddress', () => {
  const req = (remote: string, header?: string) =>
    ({
      socket: { remoteAddress: remote },
      headers: header === undefined ? {} : { 'x-sim-client-address': header },
    }) as unknown as Request;
  const ctx = (testMode: boolean) => ({ config: { testMode } as SimConfig });

  it('normalises IPv4-mapped and loopback IPv6 addresses', () => {
    expect(normaliseAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('::FFFF:203.0.113.9')).toBe('203.0.113.9');
    expect(normaliseAddress('::1')).toBe('127.0.0.1');
    expect(clientAddress(req('::ffff:10.0.0.5'), ctx(false))).toBe('10.0.0.5');
  });

  it('honours X-Sim-Client-Address only in test mode', () => {
    expect(clientAddress(req('::1', '203.0.113.5'), ctx(true))).toBe('203.0.113.5');
    expect(clientAddress(req('::1', '203.0.113.5'), ctx(false))).toBe('127.0.0.1');
    expect(clientAddress(req('::1', ''), ctx(true))).toBe('127.0.0.1');
  });
});

describe('IP address restriction', () => {
  it('lets everything through while the restriction is off', async () => {
    const { app } = makeSim();
    await request(app).get('/login').set('X-Sim-Client-Address', '198.51.100.1').expect(200);
  });

  it('answers every tenant path with 403 "Access Forbidden." to an address outside the list', async () => {
    const { app } = makeSim();
    const client = await createClient(app, { users: ['yamada'] });
    await request(app)
      .put('/_sim/access')
      .send({ enabled: true, allowed: ['203.0.113.0/24'] })
      .expect(200);
    const from = '198.51.100.1';
    for (const path of ['/login', '/k/', '/admin/', '/oauth2/authorization?client_id=x', '/k/v1/apps.json']) {
      const res = await request(app).get(path).set('X-Sim-Client-Address', from).expect(403);
      expect(res.type).toBe('text/html');
      forbidden(res.text);
    }
    // The token endpoint is called by the backend: its egress address must be allowed too.
    const token = await tokenRequest(app, client, { grant_type: 'refresh_token', refresh_token: 'x' })
      .set('X-Sim-Client-Address', from)
      .expect(403);
    forbidden(token.text);
    const rest = await request(app)
      .post('/k/v1/record.json')
      .set('X-Sim-Client-Address', from)
      .set('Authorization', 'Bearer whatever')
      .send({ app: 1 })
      .expect(403);
    forbidden(rest.text);
  });

  it('lets an allowed address through and keeps /_sim/ and /healthz reachable', async () => {
    const { app } = makeSim();
    await request(app)
      .put('/_sim/access')
      .send({ enabled: true, allowed: ['203.0.113.0/24'] })
      .expect(200);
    await request(app).get('/login').set('X-Sim-Client-Address', '203.0.113.200').expect(200);
    await request(app).get('/healthz').set('X-Sim-Client-Address', '198.51.100.1').expect(200);
    await request(app).get('/_sim/access').set('X-Sim-Client-Address', '198.51.100.1').expect(200);
    // Supertest connects from the loopback address, which is not in the list.
    const res = await request(app).get('/login').expect(403);
    forbidden(res.text);
  });

  it('ignores X-Sim-Client-Address when the sim is not in test mode', async () => {
    const { app } = makeSim({ KINTONE_SIM_TEST_MODE: '0' });
    await request(app)
      .put('/_sim/access')
      .send({ enabled: true, allowed: ['127.0.0.1'] })
      .expect(200);
    // The header claims a blocked address, but the socket (loopback) is what counts.
    await request(app).get('/login').set('X-Sim-Client-Address', '198.51.100.1').expect(200);
    await request(app)
      .put('/_sim/access')
      .send({ enabled: true, allowed: ['203.0.113.0/24'] })
      .expect(200);
    // …and it cannot be used to slip in either.
    await request(app).get('/login').set('X-Sim-Client-Address', '203.0.113.1').expect(403);
  });

  it('validates PUT /_sim/access, naming the bad entries and saving nothing', async () => {
    const { app } = makeSim();
    const bad = await request(app)
      .put('/_sim/access')
      .send({ enabled: true, allowed: ['203.0.113.0/24', '10.0.0.0/40', 'example.com'] })
      .expect(400);
    expect(bad.body.errors.allowed).toContain('10.0.0.0/40');
    expect(bad.body.errors.allowed).toContain('example.com');
    const shape = await request(app).put('/_sim/access').send({ enabled: 'yes' }).expect(400);
    expect(Object.keys(shape.body.errors)).toEqual(expect.arrayContaining(['enabled', 'allowed']));
    const now = await request(app).get('/_sim/access').expect(200);
    expect(now.body).toEqual({ enabled: false, allowed: [] });
  });
});
