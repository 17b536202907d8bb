// The common answers file read without the YAML parser: a flat mapping, one `key: value` a
// line, as --save-answers writes it. Returns exactly what the full loader would, or undefined
// for anything it does not know for sure (then the full loader reads it, and names any fault).
// A property test holds the two to the same results.
const LINE = /^([A-Za-z][A-Za-z0-9]*)[ \t]*:[ \t]+("([^"\\\x00-\x1f]*)"|'([^'\x00-\x1f]*)'|([a-z][a-z0-9-]*)|(0|[1-9][0-9]{0,8}))[ \t]*(?:[ \t]#.*)?$/;
const COMMENT = /^[ \t]*(#.*)?$/;
/** Plain scalars the YAML 1.2 core schema reads as something else than a string. */
const NOT_STRINGS = new Set(['null', 'true', 'false']);
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function readFlatMap(text: string): Record<string, string | number> | undefined {
  const map: Record<string, string | number> = {};
  for (const line of text.split(/\r?\n/)) {
    if (COMMENT.test(line)) continue;
    const match = LINE.exec(line);
    if (!match) return undefined;
    const key = match[1]!;
    if (FORBIDDEN.has(key) || Object.hasOwn(map, key)) return undefined; // the full loader names these
    const [, , , doubled, single, plain, integer] = match;
    if (plain !== undefined && NOT_STRINGS.has(plain)) return undefined;
    map[key] = integer !== undefined ? Number(integer) : (doubled ?? single ?? plain)!;
  }
  return map;
}
