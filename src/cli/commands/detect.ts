// `which-container detect [DIR]`: the answers a directory's files suggest, with evidence.
import { detectDirectory } from '../../detect/detect.js';
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
  const detection = await detectDirectory(compileRuleSet(builtinRuleSet), directory, 'detect');
  if (options.format === 'json') io.stdout.write(renderJson(detection));
  else
    io.stdout.write(
      renderDetection(detection, builtinRuleSet, await colorFor(io, 'stdout', options.color)),
    );
}
