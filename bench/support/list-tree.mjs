// The baseline for detect: walk a tree and only list its entries (readdir with types, as detect
// does), reading no file.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

const queue = [process.argv[2]];
let entries = 0;
for (let i = 0; i < queue.length; i++) {
  for (const entry of await readdir(queue[i], { withFileTypes: true })) {
    entries += 1;
    if (entry.isDirectory()) queue.push(join(queue[i], entry.name));
  }
}
process.stdout.write(`${entries}\n`);
