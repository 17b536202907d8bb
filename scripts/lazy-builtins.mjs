// An esbuild plugin: commander requires node:child_process at load, for executable
// subcommands this CLI never uses, and loading it costs several milliseconds of every start.
// Here that require gets a stand-in that loads the real module on first use.
const STAND_IN = `
const load = () => require('node:child_process');
module.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });
`;

export function lazyChildProcess() {
  return {
    name: 'lazy-child-process',
    setup(build) {
      build.onResolve({ filter: /^node:child_process$/ }, (args) => (/node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined));
      build.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({ contents: STAND_IN, loader: 'js', resolveDir: process.cwd() }));
    },
  };
}
