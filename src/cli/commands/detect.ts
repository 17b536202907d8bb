// `which-container detect [DIR]`: the answers a directory's files suggest, with evidence.
import { basename, resolve } from 'node:path';
import { compileRuleSet } from '../../engine/compile.js';
import { builtinRuleSet } from '../../engine/rule-set.js';
import { renderDetection } from '../../render/detection.js';
import { renderJson } from '../../render/json.js';
import { colorFor } from '../color.js';
import type { CliIo } from '../io.js';

export interface DetectCommandOptions {
  format: 'text' | 'json' | 'line';
  color: boolean;
  includeTooling?: boolean;
}

export async function runDetect(
  directory: string,
  options: DetectCommandOptions,
  io: CliIo,
): Promise<void> {
  // The scanners and the YAML parser load only when a directory is scanned.
  const { detectDirectory } = await import('../../detect/detect.js');
  const detection = await detectDirectory(compileRuleSet(builtinRuleSet), directory, 'detect', {
    includeTooling: options.includeTooling === true,
  });
  if (options.format === 'json') io.stdout.write(renderJson(detection));
  else if (options.format === 'line') {
    // One line for `which-container batch`: the directory's name as the id.
    const answers = Object.fromEntries(
      Object.entries(detection.answers).map(([id, answer]) => [id, answer.value]),
    );
    io.stdout.write(`${JSON.stringify({ id: basename(resolve(directory)), answers })}\n`);
  } else {
    const color = await colorFor(io, 'stdout', options.color);
    io.stdout.write(renderDetection(detection, builtinRuleSet, color));
  }
}
