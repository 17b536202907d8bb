/** A plain mapping, as parsed JSON or YAML gives it: an object that is not null or an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
