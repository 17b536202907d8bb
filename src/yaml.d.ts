// rules/*.yaml are inlined as plain data at build time (esbuild and vitest plugins in
// scripts/yaml-plugin.mjs); their shape is checked by the zod schemas, so they arrive as unknown.
declare module '*.yaml' {
  const data: unknown;
  export default data;
}
