import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoldenCase {
  file: string;
  name: string;
  description: string;
  answers: Record<string, string>;
  expect: { recommendation?: 'os' | 'app' | 'vm'; confidence?: ('high' | 'medium' | 'low')[] };
}

export function loadCases(dir: string): GoldenCase[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      ...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as Omit<GoldenCase, 'file'>),
    }));
}
