// The process entry: wires main() to the real process, signals and a closed stdout.
import { SIGNAL_EXIT } from './exit-codes.js';
import { type CliIo, processIo, type StopSignal } from './io.js';
import { main } from './main.js';

// A signal ends the process at once, unless a command listens to stop cleanly (batch finishes
// the lines it has written, a prompt gives the terminal back); a second signal ends it at once.
const listeners = new Set<(signal: StopSignal) => void>();
let signalled = false;
for (const [signal, code] of Object.entries(SIGNAL_EXIT) as [StopSignal, number][]) {
  process.on(signal, () => {
    if (signalled || listeners.size === 0) process.exit(code);
    signalled = true;
    for (const listener of listeners) listener(signal);
  });
}

const io: CliIo = processIo();
io.onSignal = (listener) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

void main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
