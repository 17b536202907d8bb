// The built-in data in rules/: valid, consistent, faithful to the SPEC's answers contract,
// and every rule traceable to the article or a named source.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { questionsRead } from '../../src/engine/compile.js';
import { builtinData, builtinRuleSet } from '../../src/engine/rule-set.js';
import { validateRuleSet } from '../../src/engine/validate-rule-set.js';
import { hasShared, shared } from '../support/paths.js';

const { questions, rules } = builtinRuleSet;

describe('rules/ data', () => {
  it('passes the same validation as an organisation rules file', () => {
    expect(() => validateRuleSet(builtinData())).not.toThrow();
  });

  // The public contract of SPEC.md ("The answers contract"): ids and values may never be
  // renamed, so they are pinned here rather than read back from the data under test.
  it('has exactly the questions and values of the answers contract', () => {
    const contract: Record<string, string[]> = {
      processes: ['single', 'few', 'many'],
      init: ['yes', 'no'],
      cron: ['yes', 'no'],
      login: ['yes', 'no'],
      configManagement: ['none', 'ansible', 'chef', 'puppet', 'salt', 'other'],
      architecture: ['monolith', 'multi-tier', 'microservices'],
      layers: ['yes', 'no'],
      rollback: ['yes', 'no'],
      updates: ['in-place', 'replace'],
      fleet: ['none', 'identical', 'mixed'],
      vmLike: ['yes', 'no'],
      imageSource: ['dockerfile', 'distro-image'],
      kernel: ['shared', 'own'],
      orchestrator: ['none', 'compose', 'kubernetes', 'nomad', 'swarm', 'other'],
      isolation: ['trusted', 'separate-users', 'untrusted'],
      nesting: ['yes', 'no'],
    };
    const actual = Object.fromEntries(questions.map((q) => [q.id, q.values.map((v) => v.value)]));
    expect(actual).toEqual(contract);
  });

  it('uses every question in some weighted rule', () => {
    const read = new Set(
      rules.filter((r) => r.effect === 'favor').flatMap((r) => questionsRead(r.if)),
    );
    for (const q of questions) expect(read.has(q.id), `no rule reads ${q.id}`).toBe(true);
  });

  it('leans to vm only on kernel: own (the hard constraint) and isolation: untrusted (a strong lean), as the SPEC says', () => {
    const vmRules = rules.flatMap((r) => (r.effect === 'favor' && r.favors === 'vm' ? [r] : []));
    expect(vmRules.map((r) => [r.if, r.hard === true])).toEqual([
      [{ question: 'isolation', equals: 'untrusted' }, false],
      [{ question: 'kernel', equals: 'own' }, true],
    ]);
  });

  it('cites a public page, with its address, wherever a rule or question does not cite the article', () => {
    for (const item of [...rules, ...questions]) {
      if (item.source === undefined) expect(item.url, item.id).toBeUndefined();
      else {
        expect(item.source, item.id).toMatch(/^[A-Z][\w ./]+: \S/); // publisher: title
        expect(item.url, item.id).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+\//);
      }
    }
  });

  it('names no file of ours to the user: no design document, no internal path', () => {
    const shown = JSON.stringify([rules, questions]);
    expect(shown).not.toMatch(/GUIDANCE|SPEC\.md|\.md\b|\.yaml\b|src\//);
  });

  it('gives a "no" answer no weight: only answers saying what the workload needs are evidence', () => {
    for (const rule of rules) {
      if (rule.effect !== 'favor' || !('question' in rule.if)) continue;
      const values = 'equals' in rule.if ? [rule.if.equals] : 'in' in rule.if ? rule.if.in : [];
      expect(values, rule.id).not.toContain('no');
    }
  });

  it('gives every rule and question a section, and a text that is a sentence', () => {
    for (const item of [...rules, ...questions]) {
      expect(item.section.trim(), `${item.id} has no section`).not.toBe('');
    }
    for (const rule of rules) expect(rule.text, rule.id).toMatch(/^[A-Z].*[.)]$/);
  });

  it('has a label and a one-line why for every question', () => {
    for (const q of questions) {
      expect(q.why).not.toContain('\n');
      for (const v of q.values) expect(v.label.length, `${q.id}.${v.value}`).toBeGreaterThan(1);
    }
  });
});

// The article lives in the design folder beside the repository (../shared), present here and in CI.
describe.skipIf(!hasShared)('sections cited from the article', () => {
  it('names a real heading of the article wherever no other source is given', () => {
    const articleDir = join(shared, 'article');
    const article = readdirSync(articleDir)
      .map((f) => readFileSync(join(articleDir, f), 'utf8'))
      .join('\n');
    // Headings followed by some text before the next heading: an empty heading says nothing.
    const headings = new Set(
      [...article.matchAll(/^#+\s+(.+?)\s*\n([\s\S]*?)(?=^#|(?![\s\S]))/gm)]
        .filter((m) => m[2]!.trim() !== '')
        .map((m) => m[1]!),
    );
    for (const item of [...rules, ...questions]) {
      if (item.source) continue;
      for (const part of item.section.split('; '))
        expect(headings, `${item.id}: "${part}"`).toContain(part);
    }
  });
});
