// The process entry: wires main() to the real process, signals and a closed stdout.
import { EXIT } from './exit-codes.js';
import { processIo, type CliIo, type StopSignal } from './io.js';
import { main } from './main.js';


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

// Not spread: processIo's stdin is a getter, so the stream is made only if a command reads it.
const io: CliIo = processIo();
const streams = io.streams!;
// A closed pipe (`which-container batch … | head -1`) ends the program quietly.
io.streams = () => {
  const made = streams();
  for (const stream of [made.stdout, made.stderr]) {
    if (stream.listenerCount('error') > 0) continue;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
      throw error;
    });
  }
  return made;
};
io.onSignal = (listener) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

void main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
