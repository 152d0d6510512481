import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  folderFiles,
  isSafeRelativePath,
  type ManifestJson,
  manifestFiles,
  mapFiles,
  readManifest,
  validateManifest,
} from '../build/manifest.mjs';

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../plugin');

/** The real manifest with every file it names present (sizes made up), so only the edit under test fails. */
function check(edit: (manifest: ManifestJson) => void, sizes?: Map<string, number>) {
  const manifest = structuredClone(readManifest(pluginDir));
  const files = sizes ?? new Map(manifestFiles(manifest).map((file) => [file, 100]));
  edit(manifest);
  return validateManifest(manifest, mapFiles(files));
}

describe('validateManifest', () => {
  it('accepts the real manifest', () => {
    expect(check(() => {})).toEqual({ valid: true, errors: [], warnings: [] });
  });

  it('rejects a manifest without an English name', () => {
    const result = check((m) => {
      delete m.name.en;
    });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/\/name: must have required property 'en'/);
  });

  it('rejects an unknown top-level key and names it', () => {
    const result = check((m) => {
      m.notta_extra = true;
    });
    expect(result.valid).toBe(false);
    expect(result.errors).toContain('/: must NOT have additional properties ("notta_extra")');
  });

  it('rejects a wrong type', () => {
    const result = check((m) => {
      m.type = 'SPACE';
    });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/\/type: .*"APP"/);
  });

  it('rejects a referenced file that does not exist', () => {
    const result = check((m) => {
      m.desktop.js.push('js/missing.js');
    });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toContain('file not found: "js/missing.js"');
  });

  it('rejects paths that leave the plug-in folder', () => {
    const result = check((m) => {
      m.icon = '../private.dev.ppk';
    });
    expect(result.valid).toBe(false);
  });

  it('rejects a config.html over 64 KiB', () => {
    const manifest = readManifest(pluginDir);
    const sizes = new Map(manifestFiles(manifest).map((file) => [file, 100]));
    sizes.set('html/config.html', 65_536);
    const result = check(() => {}, sizes);
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/config\.html" is 65536 bytes; the limit is 65535/);
  });

  it('rejects homepage_url.ja without name.ja, but only warns about name.ja without homepage_url.ja', () => {
    const result = check((m) => {
      delete m.name.ja;
    });
    expect(result.valid).toBe(false);
    const warning = check((m) => {
      delete m.homepage_url.ja;
    });
    expect(warning.valid).toBe(true);
    expect(warning.warnings.join('\n')).toMatch(/homepage_url/);
  });

  it('checks files on disk with folderFiles', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'notta-manifest-'));
    const manifest = { manifest_version: 1, version: 1, type: 'APP', name: { en: 'X' }, icon: 'icon.png' };
    expect(validateManifest(manifest, folderFiles(dir)).valid).toBe(false);
    writeFileSync(path.join(dir, 'icon.png'), 'png');
    expect(validateManifest(manifest, folderFiles(dir))).toMatchObject({ valid: true, errors: [] });
  });
});

describe('isSafeRelativePath', () => {
  it.each([
    ['js/desktop.js', true],
    ['./image/icon.png', true],
    ['../secret', false],
    ['js/../../secret', false],
    ['/etc/passwd', false],
    ['C:\\x.js', false],
    ['https://example.com/x.js', false],
    ['', false],
  ])('%s → %s', (input, expected) => {
    expect(isSafeRelativePath(input)).toBe(expected);
  });
});

describe('manifestFiles', () => {
  it('skips https resources and lists each file once', () => {
    expect(
      manifestFiles({
        icon: 'i.png',
        desktop: { js: ['https://cdn.example.com/x.js', 'js/a.js'], css: ['c.css'] },
        mobile: { js: ['js/a.js'] },
        config: { html: 'h.html', js: ['js/a.js'] },
      }),
    ).toEqual(['js/a.js', 'c.css', 'h.html', 'manifest.json', 'i.png']);
  });
});
