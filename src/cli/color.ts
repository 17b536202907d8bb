// Colour only on a terminal; never with NO_COLOR or --no-color; FORCE_COLOR turns it on.
import type { ChalkInstance } from 'chalk';
import { type CliIo, isTerminal } from './io.js';

export async function colorFor(
  io: CliIo,
  stream: 'stdout' | 'stderr',
  flagAllows: boolean,
): Promise<ChalkInstance> {
  const { Chalk } = await import('chalk');
  return new Chalk({ level: colorLevel(io, stream, flagAllows) });
}

function colorLevel(io: CliIo, stream: 'stdout' | 'stderr', flagAllows: boolean): 0 | 1 | 2 | 3 {
  if (!flagAllows) return 0;
  // https://no-color.org: any non-empty value disables colour.
  if (io.env.NO_COLOR) return 0;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    return force === '2' ? 2 : force === '3' ? 3 : 1;
  }
  if (!isTerminal(io, stream) || io.env.TERM === 'dumb') return 0;
  return io.env.COLORTERM === 'truecolor' ? 3 : 1;
}
