// Wrapped prose on a terminal: no line past the width, a hanging indent, the first line's prefix
// kept whole (styled or not); nothing wrapped where there is no terminal.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import wrapAnsi from 'wrap-ansi';
import { terminalWidth } from '../../src/cli/io.js';
import { detectHost } from '../../src/detect/host/detect-host.js';
import { compileRuleSet } from '../../src/engine/compile.js';
import { builtinRuleSet } from '../../src/engine/rule-set.js';
import { renderHostDetection } from '../../src/render/host.js';
import { paragraphs } from '../../src/render/paragraph.js';
import { fixtures } from '../support/paths.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: SGR colour codes start with ESC.
const columns = (line: string) => line.replace(/\u001b\[[0-9;]*m/g, '').length;
const words = 'the quick brown fox jumps over the lazy dog again and again '.repeat(4).trim();

describe('paragraphs', () => {
  it('wraps to the width with a hanging indent, the first line using all of it', () => {
    const out: string[] = [];
    paragraphs(out, { width: 40, wrap: wrapAnsi })(words, '  label     ', '    ');
    expect(out[0]).toMatch(/^ {2}label {5}the quick/);
    for (const line of out) expect(columns(line)).toBeLessThanOrEqual(40);
    for (const line of out.slice(1)) expect(line).toMatch(/^ {4}\S/);
    expect(columns(out[0]!)).toBeGreaterThan(34);
    expect(out.join(' ').replace(/\s+/g, ' ').replace('label ', '').trim()).toBe(words);
  });

  it('keeps a styled prefix whole, and wraps nothing without a terminal', () => {
    const c = new Chalk({ level: 1 });
    const out: string[] = [];
    paragraphs(out, { width: 30, wrap: wrapAnsi })(words, `${c.bold('Tools:')} `, '  ');
    expect(out[0]!.startsWith(`${c.bold('Tools:')} `)).toBe(true);
    for (const line of out) expect(columns(line)).toBeLessThanOrEqual(30);
    const flat: string[] = [];
    paragraphs(flat, undefined)(words, '  ');
    expect(flat).toEqual([`  ${words}`]);
  });

  it('keeps a host detection within 80 columns on a terminal', async () => {
    const detection = await detectHost(
      compileRuleSet(builtinRuleSet),
      `${fixtures}/hosts/kubernetes-node`,
    );
    const text = renderHostDetection(detection, builtinRuleSet, new Chalk({ level: 0 }), {
      width: 80,
      wrap: wrapAnsi,
    });
    for (const line of text.split('\n')) expect(columns(line)).toBeLessThanOrEqual(80);
    expect(text).toContain('runs containers     this host already runs application containers:');
  });
});

describe("a terminal's width", () => {
  it('is what the terminal reports, else $COLUMNS, else 80 (a pseudo-terminal without a size says 0)', () => {
    expect(terminalWidth(120, { COLUMNS: '60' })).toBe(120);
    expect(terminalWidth(0, { COLUMNS: '100' })).toBe(100);
    expect(terminalWidth(0, {})).toBe(80);
    expect(terminalWidth(undefined, { COLUMNS: 'wide' })).toBe(80);
  });
});
