// Reads a response body, undoing gzip/deflate (we advertise both, as requests
// does) and refusing bodies larger than the limit instead of exhausting memory.
import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, createBrotliDecompress } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ApplicationFailure } from '../failures.js';

export async function readBody(res: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const encoding = (res.headers['content-encoding'] ?? '').trim().toLowerCase();
  const stream: Readable =
    encoding === 'gzip' || encoding === 'x-gzip'
      ? res.pipe(createGunzip())
      : encoding === 'deflate'
        ? res.pipe(createInflate())
        : encoding === 'br'
          ? res.pipe(createBrotliDecompress())
          : res;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) {
      res.destroy();
      throw new ApplicationFailure(`Response body exceeds ${maxBytes} bytes`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}
