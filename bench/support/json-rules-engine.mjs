// A batch pipeline with json-rules-engine as its engine: JSON Lines on stdin, each line parsed,
// the same rules run, a result line written.
import { questions, rules } from '../../dist/index.js';
import { jreDecide, jreEngine } from './jre-rules.mjs';

const engine = jreEngine(rules, questions);
let pending = '';
let number = 0;
let out = '';
const decide = async (line) => {
  number += 1;
  if (line.trim() === '') return;
  const parsed = JSON.parse(line);
  out += `{"line":${number},"decision":${JSON.stringify(await jreDecide(engine, parsed.answers ?? parsed))}}\n`;
};
for await (const chunk of process.stdin) {
  const lines = (pending + chunk.toString('utf8')).split('\n');
  pending = lines.pop();
  for (const line of lines) await decide(line);
  process.stdout.write(out);
  out = '';
}
if (pending) await decide(pending);
process.stdout.write(out);
