import { createHash, createPublicKey, verify } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isSafeEntryName, readZip, ZipError, type ZipLimits } from './zip.js';

/**
 * Kintone's plug-in package check, as a pure function of the uploaded bytes (platform notes §4.1–4.2):
 * plugin.zip = contents.zip + PUBKEY (DER SubjectPublicKeyInfo) + SIGNATURE (RSA PKCS#1 v1.5 SHA-1 over
 * contents.zip); the ID is derived from the key; contents.zip holds one manifest.json that Kintone's own
 * validator accepts and whose files all exist.
 */

type ValidatorResult = {
  valid: boolean | PromiseLike<unknown>;
  errors: null | ValidatorError[];
  warnings: null | { message: string }[];
};
interface ValidatorError {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}
type Validator = (
  json: Record<string, unknown>,
  options?: {
    relativePath?: (filePath: string) => boolean;
    maxFileSize?: (maxBytes: number, filePath: string) => boolean | { valid: boolean; message?: string };
    fileExists?: (filePath: string) => boolean | { valid: boolean; message?: string };
  },
) => ValidatorResult;

// The validator is CommonJS with `exports.default`; require keeps that shape predictable from ESM.
const validatorModule = createRequire(import.meta.url)('@kintone/plugin-manifest-validator') as {
  default?: Validator;
};
const validateManifestJson: Validator = validatorModule.default ?? (validatorModule as unknown as Validator);

/** The package itself is small (three entries); contents.zip is bounded by Kintone's per-file 20 MB. */
export const PACKAGE_LIMITS: ZipLimits = {
  maxEntries: 16,
  maxEntryBytes: 100 * 1024 * 1024,
  maxTotalBytes: 110 * 1024 * 1024,
};
export const CONTENTS_LIMITS: ZipLimits = {
  maxEntries: 1000,
  maxEntryBytes: 20 * 1024 * 1024,
  maxTotalBytes: 200 * 1024 * 1024,
};
/** Largest upload accepted at all, before unzipping. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export const TAMPERED_MESSAGE =
  'The plug-in file is corrupted or has been tampered with: its signature does not match its contents.';

export interface VerifiedPlugin {
  id: string;
  manifest: Record<string, unknown>;
  /** Files of contents.zip by path relative to manifest.json (the paths the manifest uses). */
  files: Map<string, Buffer>;
  version: string;
  warnings: string[];
}

export type VerifyResult =
  | { ok: true; plugin: VerifiedPlugin }
  | { ok: false; message: string; errors?: string[] };

/** Kintone's plug-in ID: SHA-256 of the PUBKEY DER, first 32 hex digits mapped 0-9a-f → a-p. */
export function pluginIdFromPublicKey(publicKeyDer: Buffer): string {
  const hex = createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32);
  return hex.replace(/[0-9a-f]/g, (d) => String.fromCharCode(97 + Number.parseInt(d, 16)));
}

function describeError(error: ValidatorError): string {
  const where = error.instancePath || '/';
  const params = error.params ?? {};
  let detail = '';
  if (typeof params.additionalProperty === 'string') detail = ` ("${params.additionalProperty}")`;
  else if (Array.isArray(params.allowedValues))
    detail = ` (${params.allowedValues.map((v) => `"${String(v)}"`).join(', ')})`;
  return `${where}: ${error.message ?? 'is invalid'}${detail}`;
}

/** The relative files a manifest names (the same list @kintone/plugin-packer puts into contents.zip). */
export function manifestFiles(manifest: Record<string, unknown>): string[] {
  const list: string[] = [];
  for (const area of ['desktop', 'mobile', 'config'] as const) {
    const section = manifest[area] as Record<string, unknown> | undefined;
    for (const kind of ['js', 'css'] as const) {
      const entries = section?.[kind];
      if (!Array.isArray(entries)) continue;
      for (const file of entries)
        if (typeof file === 'string' && !/^https?:\/\//i.test(file)) list.push(file);
    }
  }
  const config = manifest.config as Record<string, unknown> | undefined;
  if (typeof config?.html === 'string') list.push(config.html);
  if (typeof manifest.icon === 'string') list.push(manifest.icon);
  return [...new Set(list)];
}

/** Verifies an uploaded plug-in package exactly as Kintone's import does. Never throws. */
export async function verifyPluginZip(upload: Buffer): Promise<VerifyResult> {
  if (upload.length === 0) return { ok: false, message: 'The plug-in file is empty.' };
  if (upload.length > MAX_UPLOAD_BYTES) {
    return { ok: false, message: `The plug-in file is larger than ${MAX_UPLOAD_BYTES} bytes.` };
  }
  let outer: Map<string, Buffer>;
  try {
    outer = await readZip(upload, PACKAGE_LIMITS, 'The plug-in file');
  } catch (error) {
    return { ok: false, message: error instanceof ZipError ? error.message : String(error) };
  }
  const expected = ['contents.zip', 'PUBKEY', 'SIGNATURE'];
  const missing = expected.filter((name) => !outer.has(name));
  if (missing.length > 0) {
    return {
      ok: false,
      message: `The plug-in file is missing ${missing.map((m) => `"${m}"`).join(', ')}. A plug-in zip holds exactly contents.zip, PUBKEY and SIGNATURE.`,
    };
  }
  const extra = [...outer.keys()].filter((name) => !expected.includes(name));
  if (extra.length > 0) {
    return {
      ok: false,
      message: `The plug-in file contains unexpected entries: ${extra.map((m) => `"${m}"`).join(', ')}. A plug-in zip holds exactly contents.zip, PUBKEY and SIGNATURE.`,
    };
  }
  const contents = outer.get('contents.zip') as Buffer;
  const pubkey = outer.get('PUBKEY') as Buffer;
  const signature = outer.get('SIGNATURE') as Buffer;

  let key: ReturnType<typeof createPublicKey>;
  try {
    key = createPublicKey({ key: pubkey, format: 'der', type: 'spki' });
  } catch {
    return { ok: false, message: 'The plug-in file is corrupted: PUBKEY is not a DER-encoded public key.' };
  }
  if (key.asymmetricKeyType !== 'rsa') {
    return { ok: false, message: 'The plug-in file is corrupted: PUBKEY is not an RSA public key.' };
  }
  let signed = false;
  try {
    signed = verify('sha1', contents, key, signature);
  } catch {
    signed = false;
  }
  if (!signed) return { ok: false, message: TAMPERED_MESSAGE };
  const id = pluginIdFromPublicKey(pubkey);

  let inner: Map<string, Buffer>;
  try {
    inner = await readZip(contents, CONTENTS_LIMITS, 'contents.zip');
  } catch (error) {
    return { ok: false, message: error instanceof ZipError ? error.message : String(error) };
  }
  const manifests = [...inner.keys()].filter((name) => path.posix.basename(name) === 'manifest.json');
  if (manifests.length === 0) return { ok: false, message: 'contents.zip has no manifest.json.' };
  if (manifests.length > 1) {
    return {
      ok: false,
      message: `contents.zip has ${manifests.length} manifest.json files; exactly one is allowed.`,
    };
  }
  const manifestPath = manifests[0] as string;
  // Paths in the manifest are relative to its folder (the packer accepts a manifest in a sub-folder).
  const prefix = path.posix.dirname(manifestPath) === '.' ? '' : `${path.posix.dirname(manifestPath)}/`;
  const files = new Map<string, Buffer>();
  for (const [name, data] of inner) if (name.startsWith(prefix)) files.set(name.slice(prefix.length), data);

  let manifest: unknown;
  try {
    manifest = JSON.parse((files.get('manifest.json') as Buffer).toString('utf8').replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, message: `manifest.json is not valid JSON (${(error as Error).message}).` };
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    return { ok: false, message: 'manifest.json must hold a JSON object.' };
  }
  const manifestObject = manifest as Record<string, unknown>;
  const lookup = (filePath: string): Buffer | undefined =>
    isSafeEntryName(filePath) ? files.get(path.posix.normalize(filePath)) : undefined;
  const result = validateManifestJson(manifestObject, {
    relativePath: (filePath) => isSafeEntryName(filePath),
    fileExists: (filePath) =>
      lookup(filePath) ? true : { valid: false, message: `file not found in contents.zip: "${filePath}"` },
    maxFileSize: (maxBytes, filePath) => {
      const file = lookup(filePath);
      if (!file) return true; // reported once, by fileExists
      return file.length <= maxBytes
        ? true
        : { valid: false, message: `"${filePath}" is ${file.length} bytes; the limit is ${maxBytes}` };
    },
  });
  const errors = [...new Set((result.errors ?? []).map(describeError))];
  // The validator's fileExists keyword does not cover every path (e.g. config.html only has a size check):
  // Kintone refuses a package whose manifest names a file it lacks, so check every one here.
  for (const file of manifestFiles(manifestObject)) {
    if (!lookup(file) && !errors.some((e) => e.includes(`"${file}"`))) {
      errors.push(`file not found in contents.zip: "${file}"`);
    }
  }
  const uniqueErrors = [...new Set(errors)];
  if (result.valid !== true || uniqueErrors.length > 0) {
    return {
      ok: false,
      message: `manifest.json is invalid: ${uniqueErrors.join('; ') || 'rejected by the manifest validator'}`,
      errors: uniqueErrors,
    };
  }
  return {
    ok: true,
    plugin: {
      id,
      manifest: manifestObject,
      files,
      version: String(manifestObject.version),
      warnings: (result.warnings ?? []).map((w) => w.message),
    },
  };
}
