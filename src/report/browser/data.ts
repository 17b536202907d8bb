// The layout of the data block the page carries and its script reads (types only, shared by
// ../page-data.ts, which writes it, and table.ts, which reads it in the browser).

/** A rule: id, the verdict it favours ('' for a caveat), its weight, its text and its source. */
export type RuleRow = [
  id: string,
  favors: string,
  weight: number | null,
  text: string,
  cited: string,
];
/** A flip: the flag and value (`--processes single`), the value's label, the verdict's index. */
export type FlipRow = [flag: string, label: string, verdict: number];
/** A workload; reasons, caveats and flips by index into the tables above. */
export type Row = [
  id: string | number | null,
  line: number,
  verdict: number,
  percent: number,
  level: number,
  tie: 0 | 1,
  reasons: number[],
  caveats: number[],
  /** 0: the results did not list flips (compact Decisions). */
  flips: number[] | 0,
];

export interface PageData {
  verdicts: readonly string[];
  verdictLabels: string[];
  levels: readonly string[];
  rules: RuleRow[];
  flips: FlipRow[];
  /** Rows the table shows at once. */
  pageSize: number;
  rows: Row[];
}
