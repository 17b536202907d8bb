// Splits a byte stream into lines without ever holding more than one line (at most
// maxBytes) beyond the current chunk: a longer line is dropped as it streams past and
// reported by its length. Accepts CRLF, a BOM on the first line and no final newline.
//
// The whole lines inside a chunk are decoded with one call and split as a string, which is
// several times cheaper than decoding line by line; a chunk with bytes that are not UTF-8
// falls back to line by line so the fault is pinned to its line.
export interface Line {
  /** 1-based line number in the input, blank lines included. */
  number: number;
  /** The line, decoded, without its line end. */
  text?: string;
  /** The line's raw bytes, when its chunk held invalid UTF-8 (decideLine then checks it). */
  bytes?: Buffer;
  /** Neither text nor bytes: the line was too long, at least this many bytes. */
  tooLongBytes?: number;
}

const NEWLINE = 0x0a;
const CR = 0x0d;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private dropping = false;
  private number = 0;
  private first = true;

  constructor(private readonly maxBytes: number) {}

  *push(chunk: Buffer): Generator<Line> {
    const firstEnd = chunk.indexOf(NEWLINE);
    if (firstEnd < 0) {
      const tooLong = this.keep(chunk);
      if (tooLong) yield tooLong;
      return;
    }
    // The line that began in earlier chunks ends here.
    const ended = this.finish(chunk.subarray(0, firstEnd));
    if (ended) yield ended;
    const lastEnd = chunk.lastIndexOf(NEWLINE);
    if (lastEnd > firstEnd) yield* this.whole(chunk, firstEnd + 1, lastEnd);
    if (lastEnd + 1 < chunk.length) {
      const tooLong = this.keep(chunk.subarray(lastEnd + 1));
      if (tooLong) yield tooLong;
    }
  }

  *end(): Generator<Line> {
    if (this.pendingBytes > 0 || this.dropping) {
      const ended = this.finish(Buffer.alloc(0));
      if (ended) yield ended;
    }
  }

  // Lines that start and end within one chunk: bytes [start, end), end at a newline.
  private *whole(chunk: Buffer, start: number, end: number): Generator<Line> {
    const text = chunk.toString('utf8', start, end);
    if (text.includes('\uFFFD')) {
      for (let at = start; at <= end; ) {
        const stop = chunk.indexOf(NEWLINE, at);
        const ended = this.finish(chunk.subarray(at, stop));
        if (ended) yield ended;
        at = stop + 1;
      }
      return;
    }
    for (const raw of text.split('\n')) {
      this.number += 1;
      this.first = false;
      const line = raw.charCodeAt(raw.length - 1) === CR ? raw.slice(0, -1) : raw;
      // A UTF-16 length bounds the byte length from below, and three times it from above.
      if (line.length * 3 > this.maxBytes && Buffer.byteLength(line) > this.maxBytes) {
        yield { number: this.number, tooLongBytes: Buffer.byteLength(line) };
      } else {
        yield { number: this.number, text: line };
      }
    }
  }

  /**
   * Keeps the start of a line that goes on in the next chunk. Once it is past the limit (a CR
   * before its newline allowed for), it is reported at once, even if its newline never comes
   * (`/dev/zero`), and the rest of it is dropped as it streams past.
   */
  private keep(part: Buffer): Line | undefined {
    this.pendingBytes += part.length;
    if (this.dropping) return undefined;
    if (this.pendingBytes > this.maxBytes + 1) {
      this.dropping = true;
      this.pending = [];
      this.number += 1;
      this.first = false;
      return { number: this.number, tooLongBytes: this.pendingBytes };
    }
    // Copy: the chunk's memory is reused by the stream once we return.
    this.pending.push(Buffer.from(part));
    return undefined;
  }

  // A line made of what was kept from earlier chunks and its tail here; nothing for a line too
  // long, which was reported when it passed the limit.
  private finish(tail: Buffer): Line | undefined {
    if (this.dropping) {
      this.reset();
      return undefined;
    }
    this.number += 1;
    const isFirst = this.first;
    this.first = false;
    const total = this.pendingBytes + tail.length;
    if (total > this.maxBytes + 1) {
      this.reset();
      return { number: this.number, tooLongBytes: total };
    }
    let bytes = this.pending.length === 0 ? tail : Buffer.concat([...this.pending, tail]);
    this.reset();
    if (bytes.length > 0 && bytes[bytes.length - 1] === CR)
      bytes = bytes.subarray(0, bytes.length - 1);
    if (isFirst && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      bytes = bytes.subarray(3);
    if (bytes.length > this.maxBytes) return { number: this.number, tooLongBytes: bytes.length };
    return { number: this.number, bytes };
  }

  private reset(): void {
    this.pending = [];
    this.pendingBytes = 0;
    this.dropping = false;
  }
}
