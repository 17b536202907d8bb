// Reads batch output (JSON Lines of results) as it streams: each line is checked against the
// batch result schema (src/schema.ts) and kept in the small shape a report needs. A line that is
// not a batch result, or an input with none, is an InputFileError naming the file and line.
import { type Line, LineSplitter } from '../batch/line-splitter.js';
import { InputFileError } from '../errors.js';
import { isRecord } from '../is-record.js';
import {
  BatchResultSchema,
  type CompactDecision,
  type Decision,
  type Flip,
  type Verdict,
} from '../schema.js';
import { toInputIssues } from '../zod-issues.js';

export type Level = 'high' | 'medium' | 'low';

/** A decided workload, the same whether batch wrote a compact or a full (--explain) Decision. */
export interface WorkloadResult {
  /** The input line batch decided. */
  line: number;
  id?: string | number;
  verdict: Verdict;
  level: Level;
  value: number;
  tie: boolean;
  /** Rule ids, strongest first. */
  reasons: string[];
  caveats: string[];
  unanswered: string[];
  /** Full Decisions carry them, and compact ones written with batch --flips. */
  flips?: Flip[];
}

/** A batch line that failed. */
interface ErrorResult {
  line: number;
  id?: string | number;
  message: string;
  path?: string;
}

/** What a full Decision says of a rule; compact ones name rules by id only. */
export interface RuleInfo {
  id: string;
  effect: 'favor' | 'caveat';
  favors?: Verdict;
  weight?: number;
  text: string;
  section: string;
  source?: string;
  url?: string;
  /** The rules file it came from (--rules); absent for a built-in rule. */
  origin?: string;
}

export interface BatchResults {
  workloads: WorkloadResult[];
  errors: ErrorResult[];
  /** Rules as full Decisions describe them, by id. */
  rules: Map<string, RuleInfo>;
}

/** A full --explain line is a few kilobytes; this only bounds what one line may hold in memory. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const [COMPACT_LINE, FULL_LINE, ERROR_LINE] = BatchResultSchema.options;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads every result line of `input`; `origin` names it in messages (a file, or `<stdin>`).
 * Blank lines are skipped; CRLF, a BOM and a missing final newline are accepted.
 */
export async function readResults(
  input: AsyncIterable<Buffer | string>,
  origin: string,
): Promise<BatchResults> {
  const results: BatchResults = { workloads: [], errors: [], rules: new Map() };
  const splitter = new LineSplitter(MAX_LINE_BYTES);
  const fail = (line: number, message: string, path = '') =>
    new InputFileError([{ line, path, message }], origin);
  const take = (lines: Iterable<Line>) => {
    for (const line of lines) {
      let text = line.text;
      if (text === undefined && line.bytes) {
        try {
          text = utf8.decode(line.bytes);
        } catch {
          throw fail(line.number, 'is not valid UTF-8');
        }
      }
      if (text === undefined)
        throw fail(
          line.number,
          `is ${line.tooLongBytes} bytes or more, too long for a batch result`,
        );
      if (text.trim() === '') continue;
      readLine(results, text, line.number, origin);
    }
  };
  for await (const chunk of input)
    take(splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  take(splitter.end());
  if (results.workloads.length === 0 && results.errors.length === 0)
    throw new InputFileError(
      [
        {
          path: '',
          message:
            'holds no batch results; give the output of `which-container batch` (JSON Lines)',
        },
      ],
      origin,
    );
  return results;
}

function readLine(results: BatchResults, text: string, number: number, origin: string): void {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputFileError(
      [{ line: number, path: '', message: `is not JSON: ${(error as Error).message}` }],
      origin,
    );
  }
  if (
    isRecord(value) &&
    !Object.hasOwn(value, 'line') &&
    !Object.hasOwn(value, 'decision') &&
    !Object.hasOwn(value, 'error')
  ) {
    throw new InputFileError(
      [
        {
          line: number,
          path: '',
          message:
            'is not a batch result line ({"line": …, "decision": …} or {"line": …, "error": …}); give the output of `which-container batch`, not its input',
        },
      ],
      origin,
    );
  }
  // The shape a line claims picks its schema, so a fault is named in the terms of that shape.
  const schema = !isRecord(value)
    ? BatchResultSchema
    : Object.hasOwn(value, 'error')
      ? ERROR_LINE
      : isRecord(value.decision) && Object.hasOwn(value.decision, 'article')
        ? FULL_LINE
        : COMPACT_LINE;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = toInputIssues(parsed.error.issues).slice(0, 5);
    throw new InputFileError(
      issues.map((issue) => ({
        line: number,
        path: issue.path,
        message: `not a batch result line: ${issue.message}`,
      })),
      origin,
    );
  }
  const result = parsed.data;
  if ('error' in result) {
    results.errors.push({
      line: result.line,
      ...(result.id === undefined ? {} : { id: result.id }),
      message: result.error.message,
      ...(result.error.path === undefined ? {} : { path: result.error.path }),
    });
    return;
  }
  results.workloads.push(toWorkload(result.line, result.id, result.decision, results.rules));
}

function toWorkload(
  line: number,
  id: string | number | undefined,
  decision: CompactDecision | Decision,
  rules: Map<string, RuleInfo>,
): WorkloadResult {
  const common = {
    line,
    ...(id === undefined ? {} : { id }),
    verdict: decision.recommendation,
    level: decision.confidence.level,
    value: decision.confidence.value,
    tie: decision.confidence.tie === true,
    unanswered: decision.unanswered,
  };
  if (!('article' in decision)) {
    return {
      ...common,
      reasons: decision.reasons,
      caveats: decision.caveats,
      ...(decision.flips === undefined ? {} : { flips: decision.flips }),
    };
  }
  for (const reason of decision.reasons) {
    if (!rules.has(reason.rule))
      rules.set(reason.rule, {
        id: reason.rule,
        effect: 'favor',
        favors: reason.favors,
        weight: reason.weight,
        ...cited(reason),
      });
  }
  for (const caveat of decision.caveats) {
    if (!rules.has(caveat.id))
      rules.set(caveat.id, { id: caveat.id, effect: 'caveat', ...cited(caveat) });
  }
  return {
    ...common,
    reasons: decision.reasons.map((r) => r.rule),
    caveats: decision.caveats.map((c) => c.id),
    flips: decision.flips,
  };
}

function cited(item: {
  text: string;
  section: string;
  source: string;
  url?: string | undefined;
  origin?: string | undefined;
}) {
  return {
    text: item.text,
    section: item.section,
    source: item.source,
    ...(item.url === undefined ? {} : { url: item.url }),
    ...(item.origin === undefined ? {} : { origin: item.origin }),
  };
}
