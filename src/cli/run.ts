// The process entry: wires main() to the real process, signals and a closed stdout.
import { EXIT } from './exit-codes.js';
import { processIo } from './io.js';
import { main } from './main.js';

// A closed pipe (`which-container questions | head -1`) ends the program quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
}
process.on('SIGINT', () => process.exit(EXIT.interrupted));
process.on('SIGTERM', () => process.exit(EXIT.terminated));

process.exitCode = await main(process.argv.slice(2), processIo());
