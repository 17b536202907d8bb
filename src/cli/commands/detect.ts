// `which-container detect [DIR]`: the answers a directory's files suggest, with evidence;
// `detect --host [ROOT]`: the answers a Linux system suggests (this machine, or a root tree).
import { basename, resolve } from 'node:path';
import { compileRuleSet } from '../../engine/compile.js';
import { builtinRuleSet } from '../../engine/rule-set.js';
import { UsageError } from '../../errors.js';
import { renderDetection } from '../../render/detection.js';
import { renderJson } from '../../render/json.js';
import { colorFor } from '../color.js';
import { type CliIo, wrapFor } from '../io.js';

export interface DetectCommandOptions {
  format: 'text' | 'json' | 'line';
  color: boolean;
  includeTooling?: boolean;
  host?: boolean;
}

export async function runDetect(
  directory: string | undefined,
  options: DetectCommandOptions,
  io: CliIo,
): Promise<void> {
  if (options.host) return runDetectHost(directory ?? '/', options, io);
  // The scanners and the YAML parser load only when a directory is scanned.
  const { detectDirectory } = await import('../../detect/detect.js');
  const dir = directory ?? '.';
  const detection = await detectDirectory(compileRuleSet(builtinRuleSet), dir, 'detect', {
    includeTooling: options.includeTooling === true,
  });
  if (options.format === 'json') io.stdout.write(renderJson(detection));
  else if (options.format === 'line')
    // One line for `which-container batch`: the directory's name as the id.
    io.stdout.write(batchLine(basename(resolve(dir)), detection.answers));
  else {
    const color = await colorFor(io, 'stdout', options.color);
    io.stdout.write(renderDetection(detection, builtinRuleSet, color, { wrap: await wrapFor(io) }));
  }
}

async function runDetectHost(root: string, options: DetectCommandOptions, io: CliIo) {
  if (options.includeTooling)
    throw new UsageError('--include-tooling applies to a directory, not to --host');
  // Host detection loads only its own modules: no scanner, no YAML parser.
  const { detectHostRoot } = await import('../../detect/host/detect-host.js');
  const detection = await detectHostRoot(compileRuleSet(builtinRuleSet), root, 'detect --host');
  if (options.format === 'json') io.stdout.write(renderJson(detection));
  else if (options.format === 'line')
    // The host's name as the id; a root tree without one is named by its folder.
    io.stdout.write(
      batchLine(
        detection.host.hostname ?? (basename(resolve(root)) || 'localhost'),
        detection.answers,
      ),
    );
  else {
    const { renderHostDetection } = await import('../../render/host.js');
    const color = await colorFor(io, 'stdout', options.color);
    io.stdout.write(renderHostDetection(detection, builtinRuleSet, color, await wrapFor(io)));
  }
}

function batchLine(id: string, answers: Record<string, { value: string }>): string {
  const values = Object.fromEntries(Object.entries(answers).map(([q, a]) => [q, a.value]));
  return `${JSON.stringify({ id, answers: values })}\n`;
}
