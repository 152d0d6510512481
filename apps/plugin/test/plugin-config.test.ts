import { meetingFields } from '@notta/shared';
import { describe, expect, it } from 'vitest';
import {
  CONFIG_KEYS,
  DEV_HTTP_HOSTS,
  MEETING_FIELDS,
  parseMapping,
  parseNottaUrl,
  pluginApiBase,
  readPluginConfig,
  toConfigRecord,
} from '../src/js/plugin-config';

describe('parseNottaUrl', () => {
  it.each([
    ['https://app.notta.ai', 'https://app.notta.ai'],
    ['  https://app.notta.ai/  ', 'https://app.notta.ai'],
    ['HTTPS://App.Notta.AI', 'https://app.notta.ai'],
    ['https://app.notta.ai/workspace/123', 'https://app.notta.ai/workspace/123'],
    ['https://localhost:8443', 'https://localhost:8443'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000'],
    ['http://localhost', 'http://localhost'],
  ])('accepts %j as %j', (input, value) => {
    expect(parseNottaUrl(input)).toEqual({ ok: true, value });
  });

  it.each([
    ['', 'urlRequired'],
    ['   ', 'urlRequired'],
    ['http://app.notta.ai', 'urlNotHttps'],
    ['http://', 'urlNotHttps'],
    ['app.notta.ai', 'urlNotHttps'],
    ['junk', 'urlNotHttps'],
    ['javascript:alert(1)', 'urlNotHttps'],
    ['https://', 'urlInvalid'],
    ['https://exa mple.com', 'urlInvalid'],
    [`https://example.com/${'a'.repeat(2100)}`, 'urlInvalid'],
    ['https://user:secret@app.notta.ai', 'urlHasCredentials'],
    ['http://localhost.evil.example:3000', 'urlNotHttps'],
    ['http://127.0.0.2:3000', 'urlNotHttps'],
    ['http://192.168.1.10', 'urlNotHttps'],
    ['http://user:pw@localhost:3000', 'urlHasCredentials'],
    ['https://app.notta.ai/?x=1', 'urlInvalid'],
    ['https://app.notta.ai/#frag', 'urlInvalid'],
  ])('rejects %j with %s', (input, error) => {
    expect(parseNottaUrl(input)).toEqual({ ok: false, error });
  });
});

describe('readPluginConfig', () => {
  it('reads nothing, an empty object and null as not configured', () => {
    expect(readPluginConfig(null)).toEqual({ kind: 'not-configured' });
    expect(readPluginConfig({})).toEqual({ kind: 'not-configured' });
    expect(readPluginConfig({ nottaUrl: '' })).toEqual({ kind: 'not-configured' });
  });

  it('flags a stored value that is not a valid https URL', () => {
    expect(readPluginConfig({ nottaUrl: 'http://app.notta.ai' })).toEqual({ kind: 'invalid' });
    expect(readPluginConfig({ nottaUrl: '<img src=x onerror=alert(1)>' })).toEqual({ kind: 'invalid' });
  });

  it('reads a valid URL and its host', () => {
    expect(readPluginConfig({ nottaUrl: 'https://app.notta.ai' })).toEqual({
      kind: 'configured',
      config: { nottaUrl: 'https://app.notta.ai', mapping: {}, panelSpace: null },
      host: 'app.notta.ai',
    });
  });

  it('reads the mapping and the panel space, dropping what is not a field code', () => {
    const state = readPluginConfig({
      nottaUrl: 'https://app.notta.ai',
      mapping: JSON.stringify({ meetingId: 'meeting_id', title: 'has space', evil: 'x', start: 5 }),
      panelSpace: 'notta_panel',
    });
    expect(state).toMatchObject({
      config: { mapping: { meetingId: 'meeting_id' }, panelSpace: 'notta_panel' },
    });
    expect(parseMapping('not json')).toEqual({});
    expect(parseMapping('[1]')).toEqual({});
  });
});

describe('toConfigRecord', () => {
  it('writes only the known, non-secret keys as strings', () => {
    const record = toConfigRecord({
      nottaUrl: 'https://app.notta.ai',
      mapping: { meetingId: 'meeting_id' },
      panelSpace: null,
      apiKey: 'x',
    } as never);
    expect(record).toEqual({
      nottaUrl: 'https://app.notta.ai',
      mapping: '{"meetingId":"meeting_id"}',
      panelSpace: '',
    });
    expect(Object.keys(record)).toEqual([...CONFIG_KEYS]);
  });
});

describe('the rest', () => {
  it('keeps the local meeting field list equal to @notta/shared', () => {
    expect([...MEETING_FIELDS]).toEqual([...meetingFields]);
  });

  it('allows plain http only for the listed development hosts', () => {
    expect(DEV_HTTP_HOSTS).toEqual(['localhost', '127.0.0.1', '[::1]']);
  });

  it('builds the plug-in API prefix the proxy configuration is saved for', () => {
    expect(pluginApiBase('https://app.notta.ai')).toBe('https://app.notta.ai/api/plugin/v1/');
    expect(pluginApiBase('https://x.example/notta')).toBe('https://x.example/notta/api/plugin/v1/');
  });
});
