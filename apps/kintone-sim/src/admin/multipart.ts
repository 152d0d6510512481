import busboy from 'busboy';
import type { Request } from 'express';

export interface MultipartForm {
  fields: Record<string, string>;
  /** The uploaded file, when the browser sent one with content. */
  file?: { name: string; bytes: Buffer; truncated: boolean };
}

export class MultipartError extends Error {}

/**
 * Reads a multipart/form-data body (the OAuth client form, which carries the logo) with busboy. Only one
 * file field is kept; its bytes are capped at `maxFileBytes` + 1 so an oversized upload is noticed
 * without being held in memory.
 */
export function parseMultipart(
  req: Request,
  fileField: string,
  maxFileBytes: number,
): Promise<MultipartForm> {
  return new Promise((resolve, reject) => {
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { files: 1, fields: 20, fieldSize: 64 * 1024, fileSize: maxFileBytes + 1 },
      });
    } catch (error) {
      reject(new MultipartError((error as Error).message));
      return;
    }
    const form: MultipartForm = { fields: {} };
    bb.on('field', (name, value) => {
      form.fields[name] = value;
    });
    bb.on('file', (name, stream, info) => {
      if (name !== fileField) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      let truncated = false;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        truncated = true;
      });
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        // A browser sends an empty part for a file input left empty: that is "no file".
        if (bytes.length > 0) form.file = { name: info.filename ?? '', bytes, truncated };
      });
    });
    bb.on('error', (error) => reject(new MultipartError((error as Error).message)));
    bb.on('close', () => resolve(form));
    req.pipe(bb);
  });
}
