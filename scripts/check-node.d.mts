// Types for the tests that import scripts/check-node.mjs (plain JavaScript, so that an old Node can run it).
export function nodeVersionProblem(version: string, engine: string, nvmrc?: string): string | undefined;
