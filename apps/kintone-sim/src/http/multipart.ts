import busboy from 'busboy';
import type { Request } from 'express';

export interface MultipartForm {
  fields: Record<string, string>;
  /** The uploaded file, when the browser sent one with content. */
  file?: { name: string; contentType: string; bytes: Buffer; truncated: boolean };
  /** More than one file was sent; only the first was kept. */
  extraFiles: boolean;
}

export class MultipartError extends Error {}

/**
 * Reads a multipart/form-data body with busboy: the OAuth client form's logo, a plug-in zip, a REST file
 * upload. Only one file field is kept; its bytes are capped at `maxFileBytes` + 1 so an oversized upload
 * is noticed (`truncated`) without being held in memory.
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
    const form: MultipartForm = { fields: {}, extraFiles: false };
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
        if (bytes.length > 0) {
          form.file = { name: info.filename ?? '', contentType: info.mimeType, bytes, truncated };
        }
      });
    });
    bb.on('filesLimit', () => {
      form.extraFiles = true;
    });
    bb.on('error', (error) => reject(new MultipartError((error as Error).message)));
    bb.on('close', () => resolve(form));
    req.pipe(bb);
  });
}
