// `which-container report [FILE|-] [-o FILE]`: batch results (JSON Lines) in, one
// self-contained HTML page out, on stdout or written whole to a file.
import { stat } from 'node:fs/promises';
import { UsageError } from '../../errors.js';
import { openStream } from '../../input/open-stream.js';
import { saveFile, shownPath } from '../../save-file.js';
import { type CliIo, isoDate, isTerminal } from '../io.js';
import { ruleSetWith } from '../rule-files.js';

export interface ReportCommandOptions {
  output?: string;
  rules?: string[];
}

export async function runReport(
  file: string | undefined,
  options: ReportCommandOptions,
  io: CliIo,
  version: string,
): Promise<void> {
  const path = file ?? '-';
  const ruleSet = await ruleSetWith(options.rules, io, path === '-' ? 'report' : undefined);
  if (path === '-' && isTerminal(io, 'stdin')) {
    throw new UsageError(
      'report reads batch results from a file or stdin: give a FILE, or pipe them in (`which-container batch inventory.jsonl | which-container report -o report.html`)',
    );
  }
  // `-o -` is stdout, as `-` is stdin for the input.
  const output = options.output === '-' ? undefined : options.output;
  if (output !== undefined && path !== '-' && (await sameFile(path, output)))
    throw new UsageError(
      `${shownPath('-o', output)}: it is the input file; writing the page there would replace the results it reads`,
    );
  const { buildReport } = await import('../../report/report.js');
  const input = await openStream(path, () => io.stdin);
  const page = await buildReport(input, path === '-' ? '<stdin>' : path, ruleSet, {
    date: isoDate(io),
    version,
  });
  if (output === undefined) io.stdout.write(page);
  else
    await saveFile(output, page, {
      shown: shownPath('-o', output),
      unwritable: 'output',
    });
}

/** Whether two paths name one file (links followed); false when either does not exist. */
async function sameFile(a: string, b: string): Promise<boolean> {
  try {
    const [x, y] = await Promise.all([stat(a), stat(b)]);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
