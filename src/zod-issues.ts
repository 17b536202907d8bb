// Turns zod's issues into our InputIssue list: one plain sentence per fault, each with the
// path of the value at fault (`rules[2].if.all[0].equals`).
import type * as z from 'zod';
import type { InputIssue } from './errors.js';

type ZodIssue = z.core.$ZodIssue;

/** Formats a path as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}

export function toInputIssues(
  issues: readonly ZodIssue[],
  basePath: readonly PropertyKey[] = [],
): InputIssue[] {
  const out: InputIssue[] = [];
  for (const issue of issues) {
    const path = [...basePath, ...issue.path];
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // A union lists every branch's faults; the branch that got furthest is the one the
      // author meant, so report only its faults.
      out.push(...toInputIssues(closestBranch(issue.errors), path));
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        out.push({ path: formatPath([...path, key]), message: 'unknown key' });
      }
    } else if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
      out.push({
        path: formatPath(path),
        message: `missing; expected ${issue.expected === 'string' ? 'a text' : issue.expected}`,
      });
    } else {
      out.push({ path: formatPath(path), message: issue.message });
    }
  }
  return out;
}

// The branch whose faults lie deepest and which knows all the keys it was given.
function closestBranch(branches: readonly (readonly ZodIssue[])[]): readonly ZodIssue[] {
  let best = branches[0]!;
  let bestScore = -Infinity;
  for (const branch of branches) {
    const score = branchScore(branch);
    if (score > bestScore) {
      best = branch;
      bestScore = score;
    }
  }
  return best;
}

function branchScore(branch: readonly ZodIssue[]): number {
  let score = 0;
  for (const issue of branch) {
    if (issue.code === 'unrecognized_keys') score -= 100 * issue.keys.length;
    else if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined'))
      score -= 50; // a missing key
    else score += 10 + issue.path.length;
    if (issue.code === 'invalid_union') score += 5;
  }
  return score - branch.length;
}

/** The segments of a path formatted by formatPath: `rules[3].if` → ['rules', 3, 'if']. */
export function parsePath(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const match of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    segments.push(match[2] !== undefined ? Number(match[2]) : match[1]!);
  return segments;
}
