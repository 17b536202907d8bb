// The base-system data of rules/host-base.yaml, inlined at build time like the other rules
// data and checked by the tests and the build (HostBaseSchema), as name matchers.
import hostBaseData from '../../../rules/host-base.yaml';
import type { HostBase } from '../../schema.js';

export const hostBase = hostBaseData as HostBase;

/** Whether `name` is one of `patterns` (a trailing `*` matches any ending). */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}
