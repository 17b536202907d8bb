import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));
export const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
/** The design folder beside the repository (article, SPEC, cases); present in this workplace and in CI. */
export const shared = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const hasShared = existsSync(shared);
