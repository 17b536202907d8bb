// JSON output: the Decision exactly as the schema gives it; keys in the order the engine
// builds them, so output is stable byte for byte.
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
