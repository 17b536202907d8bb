// `which-container report [FILE|-] [-o FILE]`: batch results (JSON Lines) in, one
// self-contained HTML page out, on stdout or written whole to a file.
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
  if (options.output === '')
    throw new UsageError('-o: the file name is empty; give the file to write');
  const ruleSet = await ruleSetWith(options.rules, io, path === '-' ? 'report' : undefined);
  if (path === '-' && isTerminal(io, 'stdin')) {
    throw new UsageError(
      'report reads batch results from a file or stdin: give a FILE, or pipe them in (`which-container batch inventory.jsonl | which-container report -o report.html`)',
    );
  }
  const { buildReport } = await import('../../report/report.js');
  const input = await openStream(path, () => io.stdin);
  const page = await buildReport(input, path === '-' ? '<stdin>' : path, ruleSet, {
    date: isoDate(io),
    version,
  });
  if (options.output === undefined) io.stdout.write(page);
  else
    await saveFile(options.output, page, {
      shown: shownPath('-o', options.output),
      unwritable: 'output',
    });
}
