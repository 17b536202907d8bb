// Infers answers from a directory's files, each with its evidence. Reads only: nothing found
// is run, no link is followed, and the walk is bounded (walk.ts).
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { CompiledRuleSet } from '../engine/compile.js';
import { UsageError } from '../errors.js';
import { quoteValue } from '../render/visible.js';
import { type Conflict, type DetectedAnswer, resolve, type Tension } from './resolve.js';
import { composeScanner } from './scanners/compose.js';
import {
  ansibleScanner,
  chefScanner,
  puppetScanner,
  saltScanner,
} from './scanners/config-management.js';
import { dockerfileScanner } from './scanners/dockerfile.js';
import { kernelScanner, systemImageScanner, vmToolScanner } from './scanners/images.js';
import { kubernetesScanner } from './scanners/kubernetes.js';
import {
  cronScanner,
  nomadScanner,
  procfileScanner,
  supervisorScanner,
  systemdScanner,
} from './scanners/services.js';
import type { Finding, Scanner } from './types.js';
import { DEFAULT_LIMITS, type Skipped, type WalkLimits, walk } from './walk.js';

export const SCANNERS: readonly Scanner[] = [
  dockerfileScanner,
  composeScanner,
  kubernetesScanner,
  nomadScanner,
  procfileScanner,
  supervisorScanner,
  systemdScanner,
  cronScanner,
  ansibleScanner,
  chefScanner,
  puppetScanner,
  saltScanner,
  systemImageScanner,
  vmToolScanner,
  kernelScanner,
];

export interface Detection {
  schemaVersion: 1;
  directory: string;
  answers: Record<string, DetectedAnswer>;
  conflicts: Conflict[];
  tension?: Tension;
  scanned: { entries: number; filesRead: number; bytesRead: number };
  skipped: Skipped[];
}

/** Detection on a directory that must exist (`flag` names the option or command, for the error). */
export async function detectDirectory(
  compiled: CompiledRuleSet,
  directory: string,
  flag: string,
): Promise<Detection> {
  let info: Stats;
  try {
    info = await stat(directory);
  } catch {
    throw new UsageError(`${flag} ${quoteValue(directory)}: no such directory`);
  }
  if (!info.isDirectory())
    throw new UsageError(`${flag} ${quoteValue(directory)}: not a directory`);
  return detect(compiled, directory);
}

export async function detect(
  compiled: CompiledRuleSet,
  directory: string,
  limits: WalkLimits = DEFAULT_LIMITS,
): Promise<Detection> {
  const walked = await walk(
    directory,
    (path, name) => SCANNERS.some((s) => s.wants(path, name)),
    limits,
  );
  const findings: Finding[] = [];
  for (const scanner of SCANNERS) {
    const files = walked.files.filter(
      (f) => scanner.wants(f.path, f.name) && (!f.binary || scanner.readsBinary === true),
    );
    if (files.length > 0) findings.push(...scanner.scan(files).filter((f) => isValid(compiled, f)));
  }
  const { answers, conflicts, tension } = resolve(compiled, findings);
  return {
    schemaVersion: 1,
    directory,
    answers,
    conflicts,
    ...(tension ? { tension } : {}),
    scanned: {
      entries: walked.entries,
      filesRead: walked.files.length,
      bytesRead: walked.bytesRead,
    },
    skipped: walked.skipped,
  };
}

// A scanner may only claim values the questions allow (the tests hold every scanner to it).
function isValid(compiled: CompiledRuleSet, finding: Finding): boolean {
  return compiled.questionById.get(finding.question)?.effects.has(finding.value) ?? false;
}
