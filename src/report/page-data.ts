// The workloads as the page's script reads them (browser/table.ts): one JSON block, compact
// enough for 100,000 rows: rule texts and flips interned into tables and named by index, each
// row an array (the layout: browser/data.ts).
import { flagOf, VERDICTS } from '../constants.js';
import type { RuleSet } from '../engine/rule-set.js';
import { citation, valueLabel, verdictLabel } from '../render/labels.js';
import { LEVELS } from './aggregate.js';
import type { FlipRow, PageData, Row, RuleRow } from './browser/data.js';
import type { RuleInfo, WorkloadResult } from './read-results.js';

/** Rows the table shows at once. */
export const PAGE_SIZE = 100;

export function pageData(
  workloads: readonly WorkloadResult[],
  rules: ReadonlyMap<string, RuleInfo>,
  ruleSet: RuleSet,
): PageData {
  const ruleIndex = new Map<string, number>();
  const ruleRows: RuleRow[] = [];
  const ruleOf = (id: string): number => {
    let index = ruleIndex.get(id);
    if (index === undefined) {
      const rule = rules.get(id);
      index = ruleRows.length;
      ruleRows.push([
        id,
        rule?.favors ?? '',
        rule?.weight ?? null,
        rule?.text ?? '',
        rule?.section ? citation(rule) : '',
      ]);
      ruleIndex.set(id, index);
    }
    return index;
  };
  const flipIndex = new Map<string, number>();
  const flipRows: FlipRow[] = [];
  const verdictIndex = new Map<string, number>(VERDICTS.map((v, i) => [v, i]));
  const levelIndex = new Map<string, number>(LEVELS.map((l, i) => [l, i]));
  const rows = workloads.map((w): Row => {
    let flips: number[] | 0 = 0;
    if (w.flips) {
      flips = w.flips.map((flip) => {
        const key = `${flip.question}\u0000${flip.to}\u0000${flip.recommendation}`;
        let index = flipIndex.get(key);
        if (index === undefined) {
          index = flipRows.length;
          flipRows.push([
            `--${flagOf(flip.question)} ${flip.to}`,
            valueLabel(ruleSet, flip.question, flip.to),
            verdictIndex.get(flip.recommendation)!,
          ]);
          flipIndex.set(key, index);
        }
        return index;
      });
    }
    return [
      w.id ?? null,
      w.line,
      verdictIndex.get(w.verdict)!,
      Math.round(w.value * 100),
      levelIndex.get(w.level)!,
      w.tie ? 1 : 0,
      w.reasons.map(ruleOf),
      w.caveats.map(ruleOf),
      flips,
    ];
  });
  return {
    verdicts: VERDICTS,
    verdictLabels: VERDICTS.map((v) => verdictLabel(ruleSet, v)),
    levels: LEVELS,
    rules: ruleRows,
    flips: flipRows,
    pageSize: PAGE_SIZE,
    rows,
  };
}

/**
 * The data as the text of a `<script type="application/json">`: every `<` escaped, so nothing in
 * it (an id such as `</script>`) can end the element; U+2028 and U+2029 too, for old parsers.
 */
export function jsonForScript(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
