// Types for scripts/ensure-chromium.mjs (imported by the browser tests).
export declare const INSTALL_HINT: string;
export declare function chromiumCandidates(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string[];
export declare function findChromium(env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform): string | null;
export declare function ensureChromium(options?: {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  error?: (line: string) => void;
}): string | null;
