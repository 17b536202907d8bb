// The process entry: wires main() to the real process, signals and a closed stdout.
import { EXIT } from './exit-codes.js';
import { processIo, type StopSignal } from './io.js';
import { main } from './main.js';

// A closed pipe (`which-container questions | head -1`) ends the program quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
    throw error;
  });
}

// A signal ends the process at once, unless a command listens to stop cleanly (batch finishes
// the lines it has written); a second signal ends it at once in any case.
const listeners = new Set<(signal: StopSignal) => void>();
let signalled = false;
for (const [signal, code] of [
  ['SIGINT', EXIT.interrupted],
  ['SIGTERM', EXIT.terminated],
] as const) {
  process.on(signal, () => {
    if (signalled || listeners.size === 0) process.exit(code);
    signalled = true;
    for (const listener of listeners) listener(signal);
  });
}

const io = {
  ...processIo(),
  onSignal: (listener: (signal: StopSignal) => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
process.exitCode = await main(process.argv.slice(2), io);
