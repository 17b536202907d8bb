// The golden cases: every workload in test/fixtures/cases (the article's examples from
// ../shared/cases, real-world ones, and a calibration set of clear and ambiguous workloads, each
// with a careful reader's verdict, band and why) must get its expected verdict and confidence.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decide } from '../../src/index.js';
import { loadCases } from '../support/cases.js';
import { fixtures, hasShared, shared } from '../support/paths.js';

const dirs = ['cases/article', 'cases/real-world', 'cases/calibration'];

for (const dir of dirs) {
  describe(dir, () => {
    for (const c of loadCases(join(fixtures, dir))) {
      it(`${c.name} (${c.file})`, () => {
        const decision = decide(c.answers);
        if (c.expect.recommendation) expect(decision.recommendation).toBe(c.expect.recommendation);
        if (c.expect.confidence) expect(c.expect.confidence).toContain(decision.confidence.level);
        // Every case must be explained: at least one reason, each citing the answers it read.
        expect(decision.reasons.length).toBeGreaterThan(0);
        for (const reason of decision.reasons) expect(reason.because.length).toBeGreaterThan(0);
        if (dir !== 'cases/calibration') return;
        // A calibration case says why; one whose answers pull both ways is never sure.
        expect(c.why).toMatch(/^(Clear|Ambiguous): /);
        if (c.why!.startsWith('Ambiguous'))
          expect(['low', 'medium']).toContain(decision.confidence.level);
      });
    }
  });
}

describe.skipIf(!hasShared)('the copy of ../shared/cases', () => {
  it('holds every shared case, unchanged', () => {
    for (const c of loadCases(join(shared, 'cases'))) {
      const copy = join(fixtures, 'cases/article', c.file);
      expect(existsSync(copy), `${c.file} is missing from test/fixtures/cases/article`).toBe(true);
      expect(JSON.parse(readFileSync(copy, 'utf8'))).toEqual(
        JSON.parse(readFileSync(join(shared, 'cases', c.file), 'utf8')),
      );
    }
  });
});
