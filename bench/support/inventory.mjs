// A deterministic inventory for the benchmarks: a seeded generator answers each question, or
// leaves it out (or says unsure), half the lines with an id.
import { createWriteStream } from 'node:fs';

export function* inventory(questions, count) {
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let i = 0; i < count; i++) {
    const answers = {};
    for (const q of questions) {
      const r = random();
      if (r < 0.3) continue;
      answers[q.id] = r < 0.33 ? 'unsure' : q.values[Math.floor(random() * q.values.length)].value;
    }
    yield i % 2 ? { id: `workload-${i}`, answers } : answers;
  }
}

/** Writes `count` lines of the inventory to a file, as JSON Lines. */
export async function writeInventory(questions, path, count) {
  const out = createWriteStream(path);
  let buffer = '';
  for (const item of inventory(questions, count)) {
    buffer += `${JSON.stringify(item)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise((r) => out.once('drain', r));
      buffer = '';
    }
  }
  out.end(buffer);
  await new Promise((r) => out.once('finish', r));
}
