// Types for scripts/prepare-data.mjs (imported by electron/packaging/packaging.test.ts).
export declare const ROOT: string;
export declare const DEFAULT_OUT_DIR: string;
export declare const MNIST_FILES: readonly string[];
export declare const SOURCE_NOTE: string;
export declare function mnistPackage(root?: string): { dataDir: string; version: string };
export declare function gzipRecordedSize(file: string): number | null;
export interface PreparedFile {
  name: string;
  bytes: number;
  gzBytes: number;
  written: boolean;
}
export declare function prepareData(options?: {
  sourceDir?: string;
  version?: string;
  outDir?: string;
  force?: boolean;
  log?: (line: string) => void;
}): Promise<PreparedFile[]>;
