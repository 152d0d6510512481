export interface ManifestFileLookup {
  /** Size in bytes of the file at this manifest-relative path, or null when absent or unsafe. */
  size(filePath: string): number | null;
}

export interface ManifestValidation {
  valid: boolean;
  errors: string[];
  warnings: string[];
}

// biome-ignore lint/suspicious/noExplicitAny: manifest.json is arbitrary JSON until validated
export type ManifestJson = Record<string, any>;

export function readManifest(pluginDir: string): ManifestJson;
export function isSafeRelativePath(filePath: string): boolean;
export function folderFiles(dir: string): ManifestFileLookup;
export function mapFiles(sizes: ReadonlyMap<string, number>): ManifestFileLookup;
export function validateManifest(manifest: ManifestJson, files: ManifestFileLookup): ManifestValidation;
export function manifestFiles(manifest: ManifestJson): string[];
export function pluginIdFromPublicKey(publicKeyDer: Uint8Array): string;
