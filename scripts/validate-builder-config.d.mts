// Types for scripts/validate-builder-config.mjs (imported by electron/packaging/packaging.test.ts).
/** electron-builder's configuration object, loosely typed: the checks read it field by field. */
export type BuilderConfig = Record<string, any>;
export declare const ROOT: string;
export declare const CONFIG_FILE: string;
export declare function loadBuilderConfig(root?: string): Promise<BuilderConfig>;
export declare function schemaProblem(config: BuilderConfig, root?: string): Promise<string | null>;
export declare function icoSizes(file: string): number[];
export declare function icnsTypes(file: string): string[];
export declare function projectProblems(config: BuilderConfig, root?: string): string[];
export declare function missingBundledData(root?: string): string[];
export declare function validateBuilderConfig(root?: string): Promise<{ config: BuilderConfig; problems: string[] }>;
