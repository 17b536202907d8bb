import { defineConfig } from 'vitest/config';
// @ts-expect-error: a plain ESM helper shared with the build, without type declarations
import { viteBrowserScript } from './scripts/browser-script-plugin.mjs';
// @ts-expect-error: a plain ESM helper shared with the build, without type declarations
import { viteYaml } from './scripts/yaml-plugin.mjs';

export default defineConfig({
  plugins: [viteYaml(), viteBrowserScript()],
  test: {
    include: ['test/**/*.test.ts'],
    // Fixtures are repositories to scan, with links that point out of them: never tests.
    exclude: ['test/fixtures/**', 'node_modules/**'],
    // End-to-end tests spawn processes; on 2 shared cores give them room.
    testTimeout: 20_000,
  },
});
