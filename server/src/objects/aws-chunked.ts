import { Transform, type TransformCallback } from 'node:stream';

import { MAX_CHUNK_LINE_BYTES } from '../limits.ts';
import { S3Error } from './s3-error.ts';

const incomplete = () => new S3Error('IncompleteBody', 400, 'The aws-chunked body ended early or is malformed.');

/**
 * Decodes an `aws-chunked` body with unsigned chunks (`STREAMING-UNSIGNED-PAYLOAD-TRAILER`, what the
 * AWS SDK sends for a streamed PutObject or UploadPart with a checksum): `hex-size CRLF data CRLF`
 * repeated, a zero-size chunk, then trailer lines `name:value CRLF` and an empty line. The
 * trailers are kept in `trailers` once the body ends.
 */
export class AwsChunkedDecoder extends Transform {
  readonly trailers = new Map<string, string>();
  private pending: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private state: 'size' | 'data' | 'data-end' | 'trailer' | 'done' = 'size';

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    try {
      this.consume();
      done();
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    done(this.state === 'done' && this.pending.length === 0 ? undefined : incomplete());
  }

  private line(): string | undefined {
    const end = this.pending.indexOf('\r\n');
    if (end < 0) {
      if (this.pending.length > MAX_CHUNK_LINE_BYTES) throw incomplete();
      return undefined;
    }
    const text = this.pending.subarray(0, end).toString('latin1');
    this.pending = this.pending.subarray(end + 2);
    return text;
  }

  private consume(): void {
    for (;;) {
      if (this.state === 'data') {
        if (this.pending.length === 0) return;
        const take = Math.min(this.remaining, this.pending.length);
        this.push(this.pending.subarray(0, take));
        this.pending = this.pending.subarray(take);
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'done') {
        if (this.pending.length > 0) throw incomplete();
        return;
      }
      const line = this.line();
      if (line === undefined) return;
      if (this.state === 'data-end') {
        if (line !== '') throw incomplete();
        this.state = 'size';
      } else if (this.state === 'size') {
        // A signed stream would carry `;chunk-signature=`: refused, as the signature is not checked.
        if (!/^[0-9a-fA-F]{1,16}$/.test(line)) throw incomplete();
        this.remaining = parseInt(line, 16);
        this.state = this.remaining === 0 ? 'trailer' : 'data';
      } else if (line === '') {
        this.state = 'done';
      } else {
        const colon = line.indexOf(':');
        if (colon <= 0) throw incomplete();
        this.trailers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
    }
  }
}
