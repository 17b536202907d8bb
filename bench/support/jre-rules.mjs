// which-container's rules as json-rules-engine rules: the same conditions, leaf for leaf, and
// the questions' `when` conditions too, so an answer that does not apply is dropped alike.
import { Engine } from 'json-rules-engine';

const toJre = (c) => {
  if ('all' in c) return { all: c.all.map(toJre) };
  if ('any' in c) return { any: c.any.map(toJre) };
  if ('not' in c) return { not: toJre(c.not) };
  if ('equals' in c) return { fact: c.question, operator: 'equal', value: c.equals };
  if ('in' in c) return { fact: c.question, operator: 'in', value: c.in };
  return { fact: c.question, operator: 'notIn', value: c.notIn };
};

// json-rules-engine wants all, any or not at the top of a rule's conditions.
const topLevel = (c) => ('all' in c || 'any' in c || 'not' in c ? c : { all: [c] });

export function jreEngine(rules, questions) {
  const engine = new Engine([], { allowUndefinedFacts: true });
  const when = new Engine([], { allowUndefinedFacts: true });
  for (const q of questions) {
    if (!q.when) continue;
    when.addRule({
      name: q.id,
      conditions: topLevel(toJre(q.when)),
      event: { type: 'applies', params: { id: q.id } },
    });
  }
  engine.gated = { when, ids: questions.filter((q) => q.when).map((q) => q.id) };
  for (const rule of rules) {
    engine.addRule({
      name: rule.id,
      conditions: topLevel(toJre(rule.if)),
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
  // Drop the answers to questions that do not apply given the others.
  const { events: applying } = await engine.gated.when.run(facts);
  const applies = new Set(applying.map((e) => e.params.id));
  for (const id of engine.gated.ids) if (!applies.has(id)) delete facts[id];
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
