import { defineConfig } from 'vitest/config';
// @ts-expect-error: a plain ESM helper shared with the build, without type declarations
import { viteYaml } from './scripts/yaml-plugin.mjs';

export default defineConfig({
  plugins: [viteYaml()],
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn processes; on 2 shared cores give them room.
    testTimeout: 20_000,
  },
});
