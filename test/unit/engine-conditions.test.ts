import { describe, expect, it } from 'vitest';
import { compileCondition } from '../../src/engine/compile.js';
import type { Condition } from '../../src/schema.js';

const positions = new Map([
  ['a', 0],
  ['b', 1],
  ['c', 2],
]);
const test = (condition: Condition, values: Record<string, string>) =>
  compileCondition(condition, positions)([...positions.keys()].map((id) => values[id]));

describe('compiled conditions', () => {
  it('equals matches only that value', () => {
    expect(test({ question: 'a', equals: 'x' }, { a: 'x' })).toBe(true);
    expect(test({ question: 'a', equals: 'x' }, { a: 'y' })).toBe(false);
  });

  it('in and notIn compare with a list', () => {
    expect(test({ question: 'a', in: ['x', 'y'] }, { a: 'y' })).toBe(true);
    expect(test({ question: 'a', in: ['x', 'y'] }, { a: 'z' })).toBe(false);
    expect(test({ question: 'a', notIn: ['x'] }, { a: 'z' })).toBe(true);
    expect(test({ question: 'a', notIn: ['x'] }, { a: 'x' })).toBe(false);
  });

  it('treats an unanswered question as matching no leaf, notIn included', () => {
    expect(test({ question: 'a', equals: 'x' }, {})).toBe(false);
    expect(test({ question: 'a', in: ['x'] }, {})).toBe(false);
    expect(test({ question: 'a', notIn: ['x'] }, {})).toBe(false);
    // ...so `not` of a leaf is how a rule tests for an unanswered question.
    expect(test({ not: { question: 'a', in: ['x', 'y'] } }, {})).toBe(true);
  });

  it('combines with all, any and not', () => {
    const cond: Condition = {
      all: [
        { question: 'a', equals: 'x' },
        { any: [{ question: 'b', equals: '1' }, { not: { question: 'c', equals: '2' } }] },
      ],
    };
    expect(test(cond, { a: 'x', b: '1', c: '2' })).toBe(true);
    expect(test(cond, { a: 'x', b: '0', c: '2' })).toBe(false);
    expect(test(cond, { a: 'x', b: '0', c: '3' })).toBe(true);
    expect(test(cond, { a: 'y', b: '1' })).toBe(false);
  });

  it('refuses to compile a question it has no position for', () => {
    expect(() => compileCondition({ question: 'toString', notIn: ['x'] }, positions)).toThrow(
      /unknown question "toString"/,
    );
  });
});
