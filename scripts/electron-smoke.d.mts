// Types for scripts/electron-smoke.mjs (imported by its test, renderer/e2e/electronSmoke.e2e.test.ts).
import type { ChildProcess } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';

export declare class SmokeError extends Error {}
export declare function packagedAppPath(distDir: string, platform?: NodeJS.Platform, arch?: string): string;
export declare function launchWithDevTools(
  executable: string, args?: string[], options?: { timeoutMs?: number; env?: NodeJS.ProcessEnv },
): Promise<{ child: ChildProcess; wsEndpoint: string; output: () => string }>;
export declare function appPage(browser: Browser, timeoutMs?: number): Promise<Page>;
export declare function firstRun(page: Page, options?: {
  log?: (line: string) => void; expectPreload?: boolean; trainTimeoutMs?: number; windowTimeoutMs?: number; limit?: number;
}): Promise<void>;
export declare function quit(child: ChildProcess, browser: Browser, page: Page | null, options?: { timeoutMs?: number; platform?: NodeJS.Platform }): Promise<{
  code: number | null; signal: NodeJS.Signals | null; how: string;
}>;
export declare function main(argv?: string[], out?: (line: string) => void): Promise<number>;
