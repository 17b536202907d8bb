import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoldenCase {
  file: string;
  name: string;
  description: string;
  answers: Record<string, string>;
  expect: { recommendation?: 'os' | 'app' | 'vm'; confidence?: ('high' | 'medium' | 'low')[] };
  /** Why a careful reader gives this verdict and band; "Ambiguous: …" when the answers pull both ways. */
  why?: string;
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
