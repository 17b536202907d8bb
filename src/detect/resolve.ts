// From findings to answers: for each question the value with the most evidence, every
// disagreement reported with what lost and why, and a note when the answers pull both ways.
import type { CompiledRuleSet } from '../engine/compile.js';
import type { Finding } from './types.js';

interface Evidence {
  file: string;
  reason: string;
}

interface Candidate {
  value: string;
  /** The strengths of its findings, added up. */
  strength: number;
  evidence: Evidence[];
}

export interface DetectedAnswer {
  value: string;
  evidence: Evidence[];
}

export interface Conflict {
  question: string;
  chosen: string;
  why: string;
  candidates: Candidate[];
}

/** Detected answers grouped by the side their rules favour, when both sides have some. */
export interface Tension {
  os: { question: string; value: string; evidence: Evidence }[];
  app: { question: string; value: string; evidence: Evidence }[];
}

export function resolve(
  compiled: CompiledRuleSet,
  findings: readonly Finding[],
): { answers: Record<string, DetectedAnswer>; conflicts: Conflict[]; tension?: Tension } {
  const answers: Record<string, DetectedAnswer> = {};
  const conflicts: Conflict[] = [];
  for (const question of compiled.questions) {
    const candidates = candidatesFor(
      findings.filter((f) => f.question === question.id),
      question.question.values.map((v) => v.value),
    );
    if (candidates.length === 0) continue;
    const [chosen] = candidates;
    answers[question.id] = { value: chosen!.value, evidence: chosen!.evidence };
    if (candidates.length > 1) {
      const runnerUp = candidates[1]!;
      const why =
        chosen!.strength > runnerUp.strength
          ? `more evidence (${chosen!.strength} against ${runnerUp.strength})`
          : 'as much evidence, but the strongest single sign';
      conflicts.push({ question: question.id, chosen: chosen!.value, why, candidates });
    }
  }
  const tension = tensionOf(compiled, answers);
  return tension ? { answers, conflicts, tension } : { answers, conflicts };
}

function candidatesFor(findings: readonly Finding[], order: readonly string[]): Candidate[] {
  const byValue = new Map<
    string,
    { strength: number; strongest: number; evidence: Evidence[]; reasons: Set<string> }
  >();
  for (const f of findings) {
    const entry = byValue.get(f.value) ?? {
      strength: 0,
      strongest: 0,
      evidence: [],
      reasons: new Set<string>(),
    };
    // The same reason from many files (every Salt state "changes systems in place") counts once.
    if (entry.reasons.has(f.reason)) continue;
    entry.reasons.add(f.reason);
    entry.strength += f.strength;
    entry.strongest = Math.max(entry.strongest, f.strength);
    entry.evidence.push({ file: f.file, reason: f.reason });
    byValue.set(f.value, entry);
  }
  // Most evidence first; then the strongest single sign; then the data's order of values.
  return [...byValue.entries()]
    .sort(
      ([a, x], [b, y]) =>
        y.strength - x.strength || y.strongest - x.strongest || order.indexOf(a) - order.indexOf(b),
    )
    .map(([value, { strength, evidence }]) => ({ value, strength, evidence }));
}

function tensionOf(
  compiled: CompiledRuleSet,
  answers: Record<string, DetectedAnswer>,
): Tension | undefined {
  const tension: Tension = { os: [], app: [] };
  for (const [id, answer] of Object.entries(answers)) {
    const hits = compiled.questionById.get(id)?.effects.get(answer.value);
    if (!hits) continue;
    const entry = { question: id, value: answer.value, evidence: answer.evidence[0]! };
    if (hits.os > hits.app) tension.os.push(entry);
    else if (hits.app > hits.os) tension.app.push(entry);
  }
  return tension.os.length > 0 && tension.app.length > 0 ? tension : undefined;
}
