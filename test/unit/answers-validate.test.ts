import { describe, expect, it } from 'vitest';
import { AnswersError, decide } from '../../src/index.js';

const invalid = (input: unknown) => {
  try {
    decide(input as never);
  } catch (error) {
    expect(error).toBeInstanceOf(AnswersError);
    return (error as AnswersError).issues;
  }
  throw new Error('expected an AnswersError');
};

describe('answers validation', () => {
  it('names every bad field at once, with the allowed values', () => {
    const issues = invalid({ processes: 'lots', kernel: 'linux', colour: 'blue' });
    expect(issues).toEqual([
      {
        path: 'processes',
        message: '"lots" is not allowed; expected one of: single, few, many, unsure',
      },
      { path: 'kernel', message: '"linux" is not allowed; expected one of: shared, own, unsure' },
      {
        path: 'colour',
        message: expect.stringMatching(
          /^unknown question; expected one of: processes, architecture, .*kernel, schemaVersion$/,
        ),
      },
    ]);
  });

  it('rejects values of the wrong type and a wrong schemaVersion', () => {
    expect(invalid({ init: true })).toEqual([
      { path: 'init', message: 'true is not allowed; expected one of: yes, no, unsure' },
    ]);
    expect(invalid({ schemaVersion: 2 })).toEqual([
      { path: 'schemaVersion', message: 'expected 1 (the only version)' },
    ]);
  });

  it('rejects anything but a mapping', () => {
    for (const input of [null, 'processes=many', 42, ['many']]) {
      expect(invalid(input)).toEqual([
        { path: '', message: 'expected a mapping of question id to answer' },
      ]);
    }
  });

  it('never accepts prototype keys', () => {
    expect(invalid(JSON.parse('{"__proto__": {"processes": "many"}}'))[0]!.path).toBe('__proto__');
    expect(invalid({ constructor: 'x' })[0]!.path).toBe('constructor');
  });

  it('treats unsure as unanswered and accepts schemaVersion 1', () => {
    const decision = decide({ schemaVersion: 1, processes: 'unsure', init: 'yes' });
    expect(decision.answers).toEqual({ init: { value: 'yes', source: 'file' } });
    expect(decision.unanswered).toContain('processes');
  });

  it('records the source it is given', () => {
    expect(decide({ init: 'yes' }, { source: 'prompt' }).answers.init).toEqual({
      value: 'yes',
      source: 'prompt',
    });
  });

  it('puts every issue in the error message, one per line', () => {
    expect(() => decide({ processes: 'lots', init: 'maybe' } as never)).toThrow(
      /^answers: processes: .*\nanswers: init: /,
    );
  });
});
