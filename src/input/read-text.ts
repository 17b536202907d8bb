// Reads an input file, or stdin for `-`, as text: at most 1 MiB, strictly UTF-8 (a BOM
// dropped), with a clear InputFileError for a missing, unreadable or oversized file.
import { readFileSync, type Stats, statSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { InputFileError } from '../errors.js';

const MAX_FILE_BYTES = 1024 * 1024;

export async function readText(
  path: string,
  /** Standard input, asked for only when the path is `-` (making it costs a stream). */
  stdin: () => Readable = () => process.stdin,
): Promise<{ origin: string; text: string }> {
  const origin = path === '-' ? '<stdin>' : path;
  const bytes = path === '-' ? await readStream(stdin(), origin) : readPath(path);
  return { origin, text: decodeUtf8(bytes, origin) };
}

function readPath(path: string): Buffer {
  let info: Stats;
  try {
    info = statSync(path);
  } catch (error) {
    return fail(path, `cannot be read: ${why(error)}`);
  }
  if (info.isDirectory()) fail(path, 'is a directory, not a file');
  // A FIFO, a socket or a device could block a read forever, or never end.
  if (!info.isFile()) fail(path, 'is not a regular file');
  if (info.size > MAX_FILE_BYTES)
    fail(path, `is ${info.size} bytes; files of at most ${MAX_FILE_BYTES} bytes (1 MiB) are read`);
  try {
    return readFileSync(path);
  } catch (error) {
    return fail(path, `cannot be read: ${why(error)}`);
  }
}

/** Why a file could not be opened or read, in a few words. */
export function why(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT'
    ? 'no such file'
    : code === 'EACCES'
      ? 'permission denied'
      : code === 'EISDIR'
        ? 'it is a directory'
        : (code ?? (error as Error).message);
}

async function readStream(stream: Readable, origin: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_FILE_BYTES)
      fail(origin, `is over ${MAX_FILE_BYTES} bytes (1 MiB), the most that is read`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function decodeUtf8(bytes: Buffer, origin: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const line = bytes.subarray(0, firstInvalidUtf8(bytes)).toString('latin1').split('\n').length;
    return fail(origin, 'is not valid UTF-8', line);
  }
}

function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let low = 0;
  let high = bytes.length;
  // The longest valid prefix, by bisection: decoding a prefix that cuts a character fails too,
  // so this finds the fault to within a character, enough for its line.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    try {
      decoder.decode(bytes.subarray(0, mid));
      low = mid;
    } catch {
      high = mid - 1;
    }
  }
  return low;
}

/** Throws the InputFileError (exit 3) for a fault of the whole file, at a line if known. */
export function fail(origin: string, message: string, line?: number): never {
  throw new InputFileError(
    [{ path: '', message, ...(line === undefined ? {} : { line }) }],
    origin,
  );
}
