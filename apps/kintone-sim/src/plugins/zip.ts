import yauzl from 'yauzl';

/**
 * Reading untrusted zip files (the uploaded plug-in and the contents.zip inside it) entirely in memory,
 * with limits: an uploaded file must not be able to exhaust memory (zip bomb) or name a file outside the
 * plug-in (path traversal).
 */
export interface ZipLimits {
  /** Entries (files and folders) the zip may hold. */
  maxEntries: number;
  /** Uncompressed bytes of one entry. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all entries together. */
  maxTotalBytes: number;
}

export class ZipError extends Error {}

/** A zip entry name that stays inside the archive: relative, `/`-separated, no `..`, no drive or scheme. */
export function isSafeEntryName(name: string): boolean {
  if (name === '' || name.startsWith('/') || name.includes('\\') || name.includes('\0')) return false;
  if (/^[a-z][a-z0-9+.-]*:/i.test(name)) return false;
  return !name.split('/').some((segment) => segment === '..');
}

/** Every file of a zip (folders skipped) by entry name. Throws ZipError with a readable reason. */
export async function readZip(buffer: Buffer, limits: ZipLimits, what: string): Promise<Map<string, Buffer>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
      // validateEntrySizes makes yauzl fail a stream that inflates to more than the header claims.
      yauzl.fromBuffer(
        buffer,
        { lazyEntries: true, validateEntrySizes: true, strictFileNames: true },
        (err, z) => (err || !z ? reject(err ?? new Error('no zip')) : resolve(z)),
      );
    });
  } catch (error) {
    throw new ZipError(`${what} is not a valid zip file (${(error as Error).message}).`);
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    throw new ZipError(`${what} holds ${zip.entryCount} entries; at most ${limits.maxEntries} are allowed.`);
  }
  const files = new Map<string, Buffer>();
  let total = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (err: Error) => reject(new ZipError(`${what} could not be read (${err.message}).`)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName;
        if (!isSafeEntryName(name)) {
          reject(new ZipError(`${what} contains an unsafe path: "${name}".`));
          return;
        }
        if (name.endsWith('/')) {
          zip.readEntry();
          return;
        }
        if (files.has(name)) {
          reject(new ZipError(`${what} contains "${name}" twice.`));
          return;
        }
        if (entry.uncompressedSize > limits.maxEntryBytes) {
          reject(new ZipError(`"${name}" in ${what} is larger than ${limits.maxEntryBytes} bytes.`));
          return;
        }
        total += entry.uncompressedSize;
        if (total > limits.maxTotalBytes) {
          reject(new ZipError(`${what} unpacks to more than ${limits.maxTotalBytes} bytes.`));
          return;
        }
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) {
            reject(new ZipError(`"${name}" in ${what} could not be read (${err?.message ?? 'no data'}).`));
            return;
          }
          const chunks: Buffer[] = [];
          let size = 0;
          stream.on('data', (chunk: Buffer) => {
            size += chunk.length;
            // The header's size was checked above; this guards a lying header even if validation slips.
            if (size > entry.uncompressedSize) stream.destroy(new Error('entry larger than declared'));
            else chunks.push(chunk);
          });
          stream.on('error', (e: Error) =>
            reject(new ZipError(`"${name}" in ${what} could not be read (${e.message}).`)),
          );
          stream.on('end', () => {
            files.set(name, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    if (error instanceof ZipError) throw error;
    // yauzl reports names it refuses (absolute, "..") as errors of its own.
    throw new ZipError(`${what} could not be read (${(error as Error).message}).`);
  }
  return files;
}
