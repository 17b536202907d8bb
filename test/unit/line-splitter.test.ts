import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Line, LineSplitter } from '../../src/batch/line-splitter.js';

/** Splits input given as chunks; lines as text (bytes decoded for comparison), or `TOO LONG`. */
function split(chunks: (string | Buffer)[], max = 100): { number: number; line: string }[] {
  const splitter = new LineSplitter(max);
  const out: Line[] = [];
  for (const chunk of chunks)
    out.push(...splitter.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk));
  out.push(...splitter.end());
  return out.map((l) => ({
    number: l.number,
    line: l.text ?? l.bytes?.toString('utf8') ?? `TOO LONG ${l.tooLongBytes}`,
  }));
}

describe('LineSplitter', () => {
  it('splits lines, numbering blank ones too, with or without a final newline', () => {
    expect(split(['a\n\nb\n'])).toEqual([
      { number: 1, line: 'a' },
      { number: 2, line: '' },
      { number: 3, line: 'b' },
    ]);
    expect(split(['a\nb'])).toEqual([
      { number: 1, line: 'a' },
      { number: 2, line: 'b' },
    ]);
  });

  it('drops CR before LF and a BOM at the start only', () => {
    expect(split(['\uFEFFa\r\n\uFEFFb\r\n']).map((l) => l.line)).toEqual(['a', '\uFEFFb']);
  });

  it('joins lines split across chunks, wherever the chunks break', () => {
    const text = '{"a":1}\r\n\n{"b":"é"}\n{"c":3}';
    const whole = split([text]).map((l) => l.line);
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: Buffer.byteLength(text) }), { maxLength: 6 }),
        (cuts) => {
          const bytes = Buffer.from(text);
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          const chunks = [...points, bytes.length].map((end, i) =>
            bytes.subarray(i === 0 ? 0 : points[i - 1], end),
          );
          expect(split(chunks).map((l) => l.line)).toEqual(whole);
        },
      ),
    );
  });

  it('reports a line over the limit by its length and goes on, across chunks too', () => {
    const long = 'x'.repeat(250);
    expect(split([`ok\n${long}\nok2\n`])).toEqual([
      { number: 1, line: 'ok' },
      { number: 2, line: 'TOO LONG 250' },
      { number: 3, line: 'ok2' },
    ]);
    // Across chunks it is reported as soon as it passes the limit, with the bytes seen so far.
    expect(split(['ok\n', long.slice(0, 120), long.slice(120), '\nok2'])).toEqual([
      { number: 1, line: 'ok' },
      { number: 2, line: 'TOO LONG 120' },
      { number: 3, line: 'ok2' },
    ]);
    // Exactly at the limit is fine, one byte over is not.
    expect(
      split([`${'y'.repeat(100)}\n${'z'.repeat(101)}\n`]).map((l) => l.line.slice(0, 9)),
    ).toEqual(['yyyyyyyyy', 'TOO LONG ']);
  });

  it('reports a line that never ends (/dev/zero) as soon as it passes the limit', () => {
    const splitter = new LineSplitter(100);
    const zeros = Buffer.alloc(64);
    expect([...splitter.push(zeros)]).toEqual([]);
    expect([...splitter.push(zeros)]).toEqual([{ number: 1, tooLongBytes: 128 }]);
    // The rest of it streams past, unreported, however long it goes on.
    for (let i = 0; i < 1000; i++) expect([...splitter.push(zeros)]).toEqual([]);
    expect([...splitter.push(Buffer.from('\n{}\n'))]).toEqual([{ number: 2, text: '{}' }]);
  });

  it('hands over the bytes of lines in a chunk that holds invalid UTF-8, for a strict check', () => {
    const splitter = new LineSplitter(100);
    const lines = [...splitter.push(Buffer.from([0x7b, 0x7d, 0x0a, 0xff, 0x0a, 0x7b, 0x7d, 0x0a]))];
    expect(lines.map((l) => [l.number, l.text, l.bytes && [...l.bytes]])).toEqual([
      [1, undefined, [0x7b, 0x7d]],
      [2, undefined, [0xff]],
      [3, undefined, [0x7b, 0x7d]],
    ]);
  });
});
