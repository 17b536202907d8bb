// The exit codes of SPEC.md ("Exit codes"): scripts depend on them.
export const EXIT = {
  ok: 0,
  internal: 1,
  usage: 2,
  inputFile: 3,
  batchLinesFailed: 4,
  outputFailed: 5,
  hangup: 129,
  interrupted: 130,
  terminated: 143,
} as const;

/** The exit code each stop signal ends a run with. */
export const SIGNAL_EXIT = {
  SIGINT: EXIT.interrupted,
  SIGTERM: EXIT.terminated,
  SIGHUP: EXIT.hangup,
} as const;
