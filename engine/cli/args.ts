/**
 * A small command-line parser, written here rather than taken from npm so the CLI has no
 * dependency beyond the engine and its messages can be worded for students. Each
 * command declares exactly which flags it takes; anything else is a `UsageError`, which
 * main reports as one line plus a pointer to the command's --help.
 *
 * Accepted forms: `--name value`, `--name=value`, bare `--name` for booleans. Repeatable
 * flags may also be given as a comma list (`--workload mlp,cnn`).
 */

export type FlagType = 'string' | 'int' | 'number' | 'boolean';

export interface FlagDef {
  readonly type: FlagType;
  /** One line for --help. */
  readonly help: string;
  /** Placeholder in --help, e.g. `N` or `DIR`. */
  readonly value?: string;
  readonly repeatable?: boolean;
  readonly choices?: readonly string[];
  /** Inclusive bounds for numbers. */
  readonly min?: number;
  readonly max?: number;
  /** Exclusive lower bound (a learning rate must be more than 0, and 0 itself is no rate). */
  readonly above?: number;
  /** Internal flags (the benchmark's child mode) are accepted but not listed in --help. */
  readonly hidden?: boolean;
}

export type FlagDefs = Readonly<Record<string, FlagDef>>;

/** A flag's value type; a string flag with `choices` is typed as the union of them. */
type ValueOf<F extends FlagDef> = F['type'] extends 'boolean' ? boolean
  : F['type'] extends 'string' ? (F extends { readonly choices: readonly (infer C extends string)[] } ? C : string)
    : number;

/** Parsed flags, typed from the definitions: absent flags are undefined, repeatable ones arrays. */
export type ParsedFlags<D extends FlagDefs> = {
  -readonly [K in keyof D]?: D[K]['repeatable'] extends true ? ValueOf<D[K]>[] : ValueOf<D[K]>;
};

/** A mistake on the command line. `command` lets the report point at the right --help. */
export class UsageError extends Error {
  constructor(message: string, readonly command?: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface ParseOptions {
  /** Command name, for messages and the --help pointer. */
  command?: string;
}

export function parseArgs<D extends FlagDefs>(argv: readonly string[], defs: D, opts: ParseOptions = {}): ParsedFlags<D> {
  const fail = (message: string): never => {
    throw new UsageError(message, opts.command);
  };
  const out: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      fail(arg.startsWith('-') && arg !== '-'
        ? `unknown option ${arg}${suggest(arg.replace(/^-+/, ''), defs)}`
        : `unexpected argument ${JSON.stringify(arg)}${opts.command ? ` for ${opts.command}` : ''} (options start with --)`);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const def = Object.hasOwn(defs, name) ? defs[name]! : undefined;
    if (!def) fail(`unknown option --${name}${opts.command ? ` for ${opts.command}` : ''}${suggest(name, defs)}`);
    const d = def!;
    let raw: string;
    if (d.type === 'boolean') {
      if (eq !== -1) fail(`--${name} takes no value (write just --${name})`);
      raw = 'true';
    } else if (eq !== -1) {
      raw = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      // A following option is not a value, but a negative number is (`--lr -1` should
      // reach the range check, which explains what is wrong with it).
      if (next === undefined || (next.startsWith('--') || (next.startsWith('-') && !/^-\d|^-\.\d/.test(next)))) {
        fail(`--${name} needs a value${d.value ? ` (${d.value})` : ''}`);
      }
      raw = next!;
      i++;
    }
    if (d.repeatable) {
      const list = (out[name] ??= []) as unknown[];
      for (const part of raw.split(',')) {
        if (part.trim() === '') fail(`--${name} has an empty item in ${JSON.stringify(raw)}`);
        list.push(convert(name, d, part.trim(), fail));
      }
    } else {
      if (Object.hasOwn(out, name)) fail(`--${name} is given more than once`);
      out[name] = d.type === 'boolean' ? true : convert(name, d, raw, fail);
    }
  }
  return out as ParsedFlags<D>;
}

function convert(name: string, d: FlagDef, raw: string, fail: (m: string) => never): string | number {
  if (d.type === 'string') {
    if (raw === '') fail(`--${name} needs a non-empty value`);
    if (d.choices && !d.choices.includes(raw)) {
      fail(`--${name} must be one of ${d.choices.join(', ')} (got ${JSON.stringify(raw)})`);
    }
    return raw;
  }
  // Number('') is 0 and Number('0x10') is 16: only plain decimal notation is a number here.
  const n = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(raw) ? Number(raw) : NaN;
  if (d.type === 'int' && !Number.isSafeInteger(n)) fail(`--${name} must be a whole number (got ${JSON.stringify(raw)})`);
  if (!Number.isFinite(n)) fail(`--${name} must be a number (got ${JSON.stringify(raw)})`);
  if (d.above !== undefined && !(n > d.above)) {
    fail(`--${name} must be greater than ${d.above}${d.max !== undefined ? ` and at most ${d.max}` : ''} (got ${raw})`);
  }
  if (d.min !== undefined && n < d.min) fail(`--${name} must be at least ${d.min} (got ${raw})`);
  if (d.max !== undefined && n > d.max) fail(`--${name} must be at most ${d.max} (got ${raw})`);
  return n;
}

/** " (did you mean --epochs?)" for a near miss, judged by edit distance. */
function suggest(name: string, defs: FlagDefs): string {
  let best: string | null = null;
  let bestDist = Infinity;
  for (const [candidate, def] of Object.entries(defs)) {
    if (def.hidden) continue;
    const dist = editDistance(name.toLowerCase(), candidate);
    if (dist < bestDist) [best, bestDist] = [candidate, dist];
  }
  return best !== null && bestDist <= Math.max(1, Math.floor(name.length / 3)) ? ` (did you mean --${best}?)` : '';
}

export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The options section of a --help text, aligned. */
export function formatFlagHelp(defs: FlagDefs): string {
  const rows = Object.entries(defs)
    .filter(([, d]) => !d.hidden)
    .map(([name, d]) => [`--${name}${d.type === 'boolean' ? '' : ` ${d.value ?? (d.type === 'string' ? 'VALUE' : 'N')}`}`, d.help] as const);
  const width = Math.max(...rows.map(([left]) => left.length), 0);
  return rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`).join('\n');
}
