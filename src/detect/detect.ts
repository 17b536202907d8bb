// Infers answers from a directory's files, each with its evidence. Reads only: nothing found
// is run, no link is followed, and the walk is bounded (walk.ts).
import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { CompiledRuleSet } from '../engine/compile.js';
import { UsageError } from '../errors.js';
import { quoteValue } from '../render/visible.js';
import { type Conflict, type DetectedAnswer, resolve, type Tension } from './resolve.js';
import { toolingRole } from './roles.js';
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
  /** Tooling files (tests, docs, examples, CI) and what each would suggest: not evidence. */
  tooling: ToolingFile[];
  scanned: { entries: number; filesRead: number; bytesRead: number };
  skipped: Skipped[];
}

/** Detection on a directory that must exist (`flag` names the option or command, for the error). */
export async function detectDirectory(
  compiled: CompiledRuleSet,
  directory: string,
  flag: string,
  options: DetectOptions = {},
): Promise<Detection> {
  let info: Stats;
  try {
    info = await stat(directory);
  } catch {
    throw new UsageError(`${flag} ${quoteValue(directory)}: no such directory`);
  }
  if (!info.isDirectory())
    throw new UsageError(`${flag} ${quoteValue(directory)}: not a directory`);
  return detect(compiled, directory, options);
}

interface ToolingFile {
  file: string;
  /** What the file is for: a test, documentation, an example, CI configuration, … */
  role: string;
  suggests: { question: string; value: string; reason: string }[];
}

export interface DetectOptions {
  /** Count what tooling files (tests, docs, examples, CI) suggest as evidence too. */
  includeTooling?: boolean;
  limits?: WalkLimits;
}

export async function detect(
  compiled: CompiledRuleSet,
  directory: string,
  options: DetectOptions = {},
): Promise<Detection> {
  const limits = options.limits ?? DEFAULT_LIMITS;
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
  // Tests, docs, examples and CI describe how the project is built and tried, not deployed.
  const tooling = new Map<string, ToolingFile>();
  const evidence = findings.filter((finding) => {
    const role = toolingRole(finding.file);
    if (role === undefined) return true;
    const entry = tooling.get(finding.file) ?? { file: finding.file, role, suggests: [] };
    entry.suggests.push({
      question: finding.question,
      value: finding.value,
      reason: finding.reason,
    });
    tooling.set(finding.file, entry);
    return options.includeTooling === true;
  });
  const { answers, conflicts, tension } = resolve(compiled, evidence);
  return {
    schemaVersion: 1,
    directory,
    answers,
    conflicts,
    ...(tension ? { tension } : {}),
    tooling: [...tooling.values()].sort((a, b) => (a.file < b.file ? -1 : 1)),
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
