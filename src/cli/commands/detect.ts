// `which-container detect [DIR]`: the answers a directory's files suggest, with evidence.
import { compileRuleSet } from '../../engine/compile.js';
import { builtinRuleSet } from '../../engine/rule-set.js';
import { renderDetection } from '../../render/detection.js';
import { renderJson } from '../../render/json.js';
import { colorFor } from '../color.js';
import type { CliIo } from '../io.js';

export async function runDetect(
  directory: string,
  options: { format: 'text' | 'json'; color: boolean },
  io: CliIo,
): Promise<void> {
  // The scanners and the YAML parser load only when a directory is scanned.
  const { detectDirectory } = await import('../../detect/detect.js');
  const detection = await detectDirectory(compileRuleSet(builtinRuleSet), directory, 'detect');
  if (options.format === 'json') io.stdout.write(renderJson(detection));
  else {
    const color = await colorFor(io, 'stdout', options.color);
    io.stdout.write(renderDetection(detection, builtinRuleSet, color));
  }
}
