// Runs a Node script in this process and reports its peak memory (maxRSS, in KiB) on fd 3
// when it exits, so a benchmark can read a child's peak memory without outside tools.
// Usage: node measure.mjs SCRIPT [ARGS...]   (fd 3 must be open for writing)
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [script, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], script, ...args];
process.on('exit', () => {
  writeSync(3, JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS }));
});
await import(pathToFileURL(script).href);
