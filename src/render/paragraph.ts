// Prose for a terminal: each paragraph wrapped to its width at word boundaries with a hanging
// indent, or left as one line where there is no terminal (a pipe, a file).

/** wrap-ansi and the width to wrap to; undefined where nothing is wrapped. */
export type Wrap =
  | { width: number; wrap: (text: string, columns: number, options: { hard: boolean }) => string }
  | undefined;

/** A blank that is not whitespace, so wrapping keeps a line's leading indent. */
const KEEP = '\u2800';

/** The columns a prefix takes on a terminal: its text without colour codes. */
function columnsOf(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: SGR colour codes start with ESC.
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

/**
 * A writer of paragraphs into `out`: the first line starts with `first`, the lines after it with
 * `rest` (a hanging indent).
 */
export function paragraphs(out: string[], wrap: Wrap) {
  return (text: string, first = '', rest = first): void => {
    if (wrap === undefined) {
      out.push(`${first}${text}`);
      return;
    }
    // Every line holds at most `width` columns: the lines after the first are wrapped to the
    // room `rest` leaves; the first line's prefix is held by stand-ins (which wrap-ansi keeps)
    // for only as many columns as it is longer than `rest`.
    const extra = Math.max(0, columnsOf(first) - columnsOf(rest));
    const lines = wrap
      .wrap(`${KEEP.repeat(extra)}${text}`, Math.max(20, wrap.width - columnsOf(rest)), {
        hard: true,
      })
      .split('\n');
    out.push(
      `${first}${lines[0]!.slice(extra)}`,
      ...lines.slice(1).map((line) => `${rest}${line}`),
    );
  };
}
