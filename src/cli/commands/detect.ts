// `which-container detect [DIR]`: the answers a directory's files suggest, with evidence.
import { stat } from 'node:fs/promises';
import { compileRuleSet, type CompiledRuleSet } from '../../engine/compile.js';
import { builtinRuleSet } from '../../engine/rule-set.js';
import { UsageError } from '../../errors.js';
import { renderJson } from '../../render/json.js';
import { colorFor } from '../color.js';
import type { CliIo } from '../io.js';
import type { Detection } from '../../detect/detect.js';

/** Runs detection on a directory that must exist; loads the scanners (and YAML) only now. */
export async function detectDirectory(compiled: CompiledRuleSet, directory: string, flag: string): Promise<Detection> {
  let info;
  try {
    info = await stat(directory);
  } catch {
    throw new UsageError(`${flag} ${directory}: no such directory`);
  }
  if (!info.isDirectory()) throw new UsageError(`${flag} ${directory}: not a directory`);
  const { detect } = await import('../../detect/detect.js');
  return detect(compiled, directory);
}

export async function runDetect(directory: string, options: { format: 'text' | 'json'; color: boolean }, io: CliIo): Promise<void> {
  const detection = await detectDirectory(compileRuleSet(builtinRuleSet), directory, 'detect');
  if (options.format === 'json') {
    io.stdout.write(renderJson(detection));
    return;
  }
  const { renderDetection } = await import('../../render/detection.js');
  io.stdout.write(renderDetection(detection, builtinRuleSet, await colorFor(io, 'stdout', options.color)));
}
