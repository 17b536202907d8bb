// Text from outside (file names, values, paths, rules files) shown on a terminal: control
// characters and bidirectional overrides become visible escapes, so a name cannot forge lines,
// move the cursor or send escape sequences (a newline shows as \n, ESC as \x1b).

// C0 and C1 controls and DEL; the bidirectional embeddings, overrides and isolates.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\t\n]/gu;
const NAMED: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\u001b': '\\x1b' };

function escaped(char: string): string {
  const code = char.codePointAt(0)!;
  return (
    NAMED[char] ??
    (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`)
  );
}

/** Outside text made safe for a terminal, newlines included. */
export function visible(text: string): string {
  return text.replace(UNSAFE, escaped);
}

/** Our own message, which may span lines, with any outside text in it made safe. */
export function visibleLines(text: string): string {
  return text.replace(UNSAFE, (char) => (char === '\n' || char === '\t' ? char : escaped(char)));
}

/** The most of a value a message quotes. */
const MOST = 80;

/** A value quoted for a message: JSON, made safe, and cut to about 80 characters with its full length noted. */
export function quoteValue(value: unknown): string {
  const text =
    typeof value === 'number' && !Number.isFinite(value)
      ? String(value)
      : (JSON.stringify(value) ?? String(value));
  if (text.length <= MOST) return visible(text);
  return `${visible(text.slice(0, MOST))}… (${text.length} characters)`;
}
