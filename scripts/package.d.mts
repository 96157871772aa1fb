// Types for scripts/package.mjs (imported by electron/packaging/packaging.test.ts).
export declare function builderArgs(options?: { all?: boolean; extra?: string[]; platform?: NodeJS.Platform }): string[];
export declare function debHomepageProblem(input: { args: string[]; pkg: { homepage?: string }; gitOrigin: string | null }): string | null;
