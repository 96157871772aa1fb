/**
 * The `layerwise` command: dispatch to a command and turn every failure into one line
 * on stderr. Students read these messages, so no error ever ends in a stack trace
 * unless LAYERWISE_DEBUG=1 asks for one.
 *
 * Exit codes: 0 success, 1 failure (bad file or spec, diverged training), 2 bad command
 * line, 130 stopped with Ctrl+C (the shell convention for SIGINT).
 */
import { editDistance, UsageError } from './args';
import { appVersion, CliError, printErr, printLine } from './common';
import { commandHelp, COMMANDS, isCommandName, mainHelp, type CommandName } from './usage';

interface CommandModule {
  run(argv: readonly string[]): Promise<number>;
}

/** Commands load on demand: `--help` should not wait for the whole engine to compile. */
function loadCommand(name: CommandName): Promise<CommandModule> {
  switch (name) {
    case 'summary': return import('./commands/summary');
    case 'train': return import('./commands/train');
    case 'evaluate': return import('./commands/evaluate');
    case 'predict': return import('./commands/predict');
    case 'codes': return import('./commands/codes');
    case 'embed': return import('./commands/codes').then((m) => ({ run: (argv: readonly string[]) => m.run(argv, 'embed') }));
    case 'explain': return import('./commands/explain');
    case 'export': return import('./commands/export');
    case 'runs': return import('./commands/runs');
  }
}

/**
 * Errors whose message is written for the user (a bad spec, dataset file, model file or
 * training setting). Recognised by name rather than instanceof so main need not import
 * the engine modules that define them, which would slow down every `--help`.
 */
const EXPECTED_ERRORS = new Set(['CliError', 'SpecError', 'IdxError', 'ModelFileError', 'ModelSaveError', 'TrainConfigError', 'LocalizedError']);

const isHelp = (a: string) => a === '--help' || a === '-h';

/** Runs one command line (without `node` and the script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      printErr(mainHelp());
      return 2;
    }
    if (isHelp(first) || first === 'help') {
      const topic = rest[0];
      printLine(topic !== undefined && isCommandName(topic) ? commandHelp(topic) : mainHelp());
      return 0;
    }
    if (first === '--version' || first === '-V' || first === '-v') {
      printLine(appVersion());
      return 0;
    }
    if (first.startsWith('-')) {
      throw new UsageError(`unknown option ${first} (options go after the command: layerwise <command> [options])`);
    }
    if (!isCommandName(first)) throw new UsageError(`unknown command ${JSON.stringify(first)}${suggestCommand(first)}`);
    if (rest.some(isHelp)) {
      printLine(commandHelp(first));
      return 0;
    }
    const command = await loadCommand(first);
    return await command.run(rest);
  } catch (err) {
    return reportError(err);
  }
}

/** Prints `err` as one line on stderr and returns the exit code. */
export function reportError(err: unknown): number {
  if (err instanceof UsageError) {
    printErr(`layerwise: ${oneLine(err.message)} (see "layerwise ${err.command ?? ''}${err.command ? ' ' : ''}--help")`);
    return 2;
  }
  if (err instanceof Error && EXPECTED_ERRORS.has(err.name)) {
    printErr(`layerwise: ${oneLine(err.message)}`);
    return err instanceof CliError ? err.exitCode : 1;
  }
  const debug = process.env.LAYERWISE_DEBUG === '1';
  const message = err instanceof Error ? err.message : String(err);
  printErr(`layerwise: unexpected error: ${oneLine(message)}${debug ? '' : ' (run with LAYERWISE_DEBUG=1 to see where it happened)'}`);
  if (debug && err instanceof Error && err.stack) printErr(err.stack);
  return 1;
}

/** Messages built from several sentences or file contents must still fit on one line. */
function oneLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

function suggestCommand(name: string): string {
  const names = Object.keys(COMMANDS);
  const best = names.map((n) => [n, editDistance(name.toLowerCase(), n)] as const).sort((a, b) => a[1] - b[1])[0];
  return best && best[1] <= 2 ? ` (did you mean ${best[0]}?)` : ` (commands: ${names.join(', ')})`;
}

/** Entry point for bin/layerwise.mjs: runs main and sets the exit code. */
export async function cli(argv: readonly string[]): Promise<void> {
  // `layerwise predict … | head` closes the pipe early; that is not an error worth a trace.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    printErr(`layerwise: cannot write output: ${err.message}`);
    process.exit(1);
  });
  // A throw from a callback outside main's await chain would otherwise print a raw trace.
  process.on('uncaughtException', (err) => process.exit(reportError(err)));
  process.on('unhandledRejection', (err) => process.exit(reportError(err)));
  process.exitCode = await main(argv);
}
