// which-container's rules as json-rules-engine rules: the same conditions, leaf for leaf.
import { Engine } from 'json-rules-engine';

const toJre = (c) => {
  if ('all' in c) return { all: c.all.map(toJre) };
  if ('any' in c) return { any: c.any.map(toJre) };
  if ('not' in c) return { not: toJre(c.not) };
  if ('equals' in c) return { fact: c.question, operator: 'equal', value: c.equals };
  if ('in' in c) return { fact: c.question, operator: 'in', value: c.in };
  return { fact: c.question, operator: 'notIn', value: c.notIn };
};

export function jreEngine(rules) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const rule of rules) {
    const conditions = toJre(rule.if);
    engine.addRule({
      name: rule.id,
      conditions:
        'all' in conditions || 'any' in conditions || 'not' in conditions
          ? conditions
          : { all: [conditions] },
      event: {
        type: rule.effect,
        params: { id: rule.id, favors: rule.favors, weight: rule.weight ?? 0 },
      },
    });
  }
  return engine;
}

/** One decision the json-rules-engine way: run the rules, sum the fired weights. */
export async function jreDecide(engine, answers) {
  const facts = {};
  for (const [k, v] of Object.entries(answers))
    if (v !== 'unsure' && k !== 'schemaVersion') facts[k] = v;
  const { events } = await engine.run(facts);
  let os = 0;
  let app = 0;
  let vm = false;
  const reasons = [];
  const caveats = [];
  for (const e of events) {
    if (e.type !== 'favor') {
      caveats.push(e.params.id);
      continue;
    }
    reasons.push(e.params.id);
    if (e.params.favors === 'os') os += e.params.weight;
    else if (e.params.favors === 'app') app += e.params.weight;
    else vm = true;
  }
  return {
    recommendation: vm ? 'vm' : os > app ? 'os' : 'app',
    scores: { os, app },
    reasons,
    caveats,
  };
}
