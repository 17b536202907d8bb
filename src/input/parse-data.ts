// Reads an answers or rules file (JSON or YAML) as plain data, and nothing more: the file is
// never evaluated. Hostile input ends in an InputFileError naming the file, line and path:
// oversized files, invalid UTF-8, unknown or language-specific tags (!!js/function), alias
// bombs, duplicate keys, prototype keys and deep nesting.
import type { Readable } from 'node:stream';
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseAllDocuments,
  parseDocument,
  type Scalar,
} from 'yaml';
import { InputFileError, type InputIssue } from '../errors.js';
import { formatPath } from '../zod-issues.js';
import { fail, readText } from './read-text.js';

const MAX_DEPTH = 64;
/** The most alias expansions read in one document: enough for real files, too few for a bomb. */
const MAX_ALIASES = 100;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface DataFile {
  /** The file name as the user gave it, or `<stdin>`. */
  origin: string;
  value: unknown;
  /** The 1-based line of the value at a path, when it can be found. */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** Reads a file, or standard input for `-`, and parses it as data. */
export async function loadDataFile(path: string, stdin?: () => Readable): Promise<DataFile> {
  const { origin, text } = await readText(path, stdin);
  return parseData(text, origin);
}

/** Parses JSON or YAML text (JSON is read as YAML's flow style) into plain data. */
export function parseData(text: string, origin: string): DataFile {
  // Refuse deep flow nesting before the parser recurses into it (`[[[[…` a hundred thousand deep).
  const deepAt = flowNestingBeyond(text, MAX_DEPTH);
  if (deepAt !== undefined)
    fail(origin, `is nested too deeply (at most ${MAX_DEPTH} levels are read)`, deepAt);
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter,
      schema: 'core',
      merge: false,
      uniqueKeys: true,
      strict: true,
      prettyErrors: false,
      version: '1.2',
      // Faults come back as errors, in our words; the parser prints nothing of its own.
      logLevel: 'error',
    });
  } catch (error) {
    if (error instanceof RangeError)
      fail(origin, `is nested too deeply (at most ${MAX_DEPTH} levels are read)`);
    throw error;
  }
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lineCounter.linePos(offset).line;

  const issues: InputIssue[] = [];
  for (const problem of [...doc.errors, ...doc.warnings]) {
    // The key a duplicate-key error points at: the rest of its line up to the colon.
    const rest = text.slice(problem.pos[0], text.indexOf('\n', problem.pos[0]) >>> 0);
    const token = /^\s*("[^"]*"|'[^']*'|[^:]*)/.exec(rest)?.[1] ?? '';
    issues.push({
      path: '',
      message: describeYamlProblem(problem.code, problem.message, token, text),
      line: lineAt(problem.pos[0]),
    });
  }
  if (issues.length === 0 && doc.contents) checkNodes(doc.contents, [], 0, issues, lineAt);
  if (issues.length > 0) throw new InputFileError(issues, origin);

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (error) {
    if (error instanceof ReferenceError)
      fail(origin, `expands aliases too often (at most ${MAX_ALIASES} are allowed)`);
    throw error;
  }
  return {
    origin,
    value,
    lineOf: (path) => {
      const node = doc.getIn(path, true) as Node | undefined;
      return lineAt(node?.range?.[0]);
    },
  };
}

/** The line where `[`/`{` nesting (outside quoted strings and comments) first passes `most`. */
function flowNestingBeyond(text: string, most: number): number | undefined {
  let depth = 0;
  let line = 1;
  let quote = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) line += 1;
    if (quote !== 0) {
      if (c === 0x5c && quote === 0x22)
        i += 1; // an escape inside "…"
      else if (c === quote) quote = 0;
      continue;
    }
    if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x23 && (i === 0 || /\s/.test(text[i - 1]!))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end - 1; // a comment runs to the end of the line
    } else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > most) return line;
    } else if (c === 0x5d || c === 0x7d) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

function describeYamlProblem(code: string, message: string, token: string, text: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
  if (code === 'MULTIPLE_DOCS') {
    const count = parseAllDocuments(text, { logLevel: 'silent' });
    const documents = Array.isArray(count) ? count.length : 2;
    return `holds ${documents} documents (separated by ---); an answers or rules file is one mapping`;
  }
  if (code === 'TAG_RESOLVE_FAILED')
    return `${first}; only plain data is allowed (no tags such as !!js/function)`;
  if (code === 'DUPLICATE_KEY') return `duplicate key ${token.trim().slice(0, 60)}`;
  if (/call stack/i.test(first)) return `nested too deeply (at most ${MAX_DEPTH} levels are read)`;
  return first;
}

// Walks the parsed nodes before anything is turned into JavaScript values.
function checkNodes(
  node: unknown,
  path: (string | number)[],
  depth: number,
  issues: InputIssue[],
  lineAt: (offset: number | undefined) => number | undefined,
): void {
  const where = () => formatPath(path);
  if (depth > MAX_DEPTH) {
    issues.push({
      path: where(),
      message: `nested too deeply (at most ${MAX_DEPTH} levels)`,
      line: lineAt((node as Node).range?.[0]),
    });
    return;
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string' && typeof key !== 'number') {
        issues.push({
          path: where(),
          message: 'keys must be plain strings',
          line: lineAt((pair.key as Node | null)?.range?.[0]),
        });
        continue;
      }
      const keyPath = [...path, String(key)];
      if (FORBIDDEN_KEYS.has(String(key))) {
        issues.push({
          path: formatPath(keyPath),
          message: `the key "${key}" is not allowed`,
          line: lineAt((pair.key as Node).range?.[0]),
        });
        continue;
      }
      checkNodes(pair.value, keyPath, depth + 1, issues, lineAt);
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      checkNodes(item, [...path, index], depth + 1, issues, lineAt);
    });
  } else if (isScalar(node) && typeof node.value === 'number' && !Number.isFinite(node.value)) {
    // 1e400 reads as Infinity; only .inf is meant to be one.
    const written = (node as Scalar & { source?: string }).source ?? String(node.value);
    if (!/^[-+]?\.inf$/i.test(written)) {
      issues.push({
        path: where(),
        message: `the number ${written.slice(0, 40)} is out of range`,
        line: lineAt(node.range?.[0]),
      });
    }
  }
  // Aliases are resolved, and counted, by toJS.
}
