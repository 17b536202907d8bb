// A browser script inlined as text at build time (scripts/browser-script-plugin.mjs).
declare module '*?browser-script' {
  const code: string;
  export default code;
}
