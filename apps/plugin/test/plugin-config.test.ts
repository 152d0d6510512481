import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS, parseNottaUrl, readPluginConfig, toConfigRecord } from '../src/js/plugin-config';

describe('parseNottaUrl', () => {
  it.each([
    ['https://app.notta.ai', 'https://app.notta.ai'],
    ['  https://app.notta.ai/  ', 'https://app.notta.ai'],
    ['HTTPS://App.Notta.AI', 'https://app.notta.ai'],
    ['https://app.notta.ai/workspace/123', 'https://app.notta.ai/workspace/123'],
    ['https://localhost:8443', 'https://localhost:8443'],
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
      config: { nottaUrl: 'https://app.notta.ai' },
      host: 'app.notta.ai',
    });
  });
});

describe('toConfigRecord', () => {
  it('writes only the known, non-secret keys as strings', () => {
    const record = toConfigRecord({ nottaUrl: 'https://app.notta.ai', apiKey: 'x' } as never);
    expect(record).toEqual({ nottaUrl: 'https://app.notta.ai' });
    expect(Object.keys(record)).toEqual([...CONFIG_KEYS]);
  });
});
