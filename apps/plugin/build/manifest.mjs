// manifest.json helpers shared by the build (build-plugin.mjs) and the tests: validation with Kintone's own
// validator, the list of files a manifest puts into contents.zip, and the plug-in ID rule.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const validatorModule = require('@kintone/plugin-manifest-validator');
/** @type {(json: object, options?: object) => {valid: boolean, errors: object[] | null, warnings: {message: string}[] | null}} */
const kintoneValidator = validatorModule.default ?? validatorModule;

/** Reads `<pluginDir>/manifest.json`. */
export function readManifest(pluginDir) {
  return JSON.parse(readFileSync(path.join(pluginDir, 'manifest.json'), 'utf8'));
}

/** A path inside the plug-in folder: relative, POSIX separators, no scheme, never climbing out with `..`. */
export function isSafeRelativePath(filePath) {
  if (typeof filePath !== 'string' || filePath === '') return false;
  if (filePath.startsWith('/') || filePath.includes('\\') || /^[a-z][a-z0-9+.-]*:/i.test(filePath))
    return false;
  const normal = path.posix.normalize(filePath);
  return normal !== '..' && !normal.startsWith('../');
}

/** File sizes looked up in a folder on disk; `null` when the path is unsafe or not a regular file. */
export function folderFiles(dir) {
  return {
    size(filePath) {
      if (!isSafeRelativePath(filePath)) return null;
      try {
        const stat = statSync(path.join(dir, filePath));
        return stat.isFile() ? stat.size : null;
      } catch {
        return null;
      }
    },
  };
}

/** File sizes looked up in a map of entry name to size (for example the entries of contents.zip). */
export function mapFiles(sizes) {
  return {
    size(filePath) {
      if (!isSafeRelativePath(filePath)) return null;
      const size = sizes.get(path.posix.normalize(filePath));
      return size === undefined ? null : size;
    },
  };
}

function describeError(error) {
  const where = error.instancePath || '/';
  const params = error.params ?? {};
  let detail = '';
  if (params.additionalProperty) detail = ` ("${params.additionalProperty}")`;
  else if (params.allowedValues) detail = ` (${params.allowedValues.map((v) => `"${v}"`).join(', ')})`;
  return `${where}: ${error.message}${detail}`;
}

/**
 * Validates a manifest with @kintone/plugin-manifest-validator, checking that every relative path exists
 * in `files` and respects Kintone's size limits. Returns readable error and warning lines.
 */
export function validateManifest(manifest, files) {
  const result = kintoneValidator(manifest, {
    relativePath: (filePath) => isSafeRelativePath(filePath),
    fileExists: (filePath) =>
      files.size(filePath) === null ? { valid: false, message: `file not found: "${filePath}"` } : true,
    maxFileSize: (maxBytes, filePath) => {
      const size = files.size(filePath);
      if (size === null) return true; // reported once, by fileExists

      return size <= maxBytes
        ? true
        : { valid: false, message: `"${filePath}" is ${size} bytes; the limit is ${maxBytes}` };
    },
  });
  const errors = [...new Set((result.errors ?? []).map(describeError))];
  const warnings = (result.warnings ?? []).map((warning) => warning.message);
  return { valid: result.valid === true && errors.length === 0, errors, warnings };
}

/**
 * The files a manifest puts into contents.zip: manifest.json, the icon, config.html and every js/css entry
 * that is not an https URL. Same rule as @kintone/plugin-packer's source list.
 */
export function manifestFiles(manifest) {
  const list = [];
  for (const area of ['desktop', 'mobile', 'config']) {
    for (const kind of ['js', 'css']) {
      for (const file of manifest[area]?.[kind] ?? []) {
        if (!/^https?:\/\//.test(file)) list.push(file);
      }
    }
  }
  if (manifest.config?.html) list.push(manifest.config.html);
  list.push('manifest.json', manifest.icon);
  return [...new Set(list)];
}

/** Kintone's plug-in ID: SHA-256 of the public key (DER SubjectPublicKeyInfo), first 32 hex digits as a–p. */
export function pluginIdFromPublicKey(publicKeyDer) {
  const hex = createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32);
  return hex.replace(/[0-9a-f]/g, (digit) => String.fromCharCode(97 + Number.parseInt(digit, 16)));
}
