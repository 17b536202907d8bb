// Opens a file for streaming (batch, report), or takes stdin for `-`: a missing, unreadable
// file or a directory is an InputFileError before anything is read or written.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { InputFileError } from '../errors.js';
import { why } from './read-text.js';

export async function openStream(
  path: string,
  stdin: () => Readable,
  signal?: AbortSignal,
): Promise<Readable> {
  if (path === '-') return stdin();
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw new InputFileError([{ path: '', message: 'is a directory, not a file' }], path);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError([{ path: '', message: `cannot be read: ${why(error)}` }], path);
  }
  const stream = createReadStream(path, {
    highWaterMark: 64 * 1024,
    ...(signal ? { signal } : {}),
  });
  // Surface an open failure (permissions) as a bad input file before any output.
  await new Promise<void>((resolve, reject) => {
    stream.once('ready', () => resolve());
    stream.once('error', (error) =>
      reject(new InputFileError([{ path: '', message: `cannot be read: ${why(error)}` }], path)),
    );
  });
  return stream;
}
