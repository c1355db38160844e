// Entry of `netpol-lint`: hands the command line to the linter (cli/lint.ts) with the process's streams, and turns an
// unexpected exception into exit status 2 with the stack on stderr.
import { runConnectivity } from './cli/connectivity';
import { runLint, type CliIo } from './cli/lint';

declare const NETPOL_VERSION: string;
declare const NETPOL_HOMEPAGE: string;

function main(argv: string[]): number {
  const io: CliIo = {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    tool: {
      version: typeof NETPOL_VERSION === 'string' ? NETPOL_VERSION : '0.0.0-dev',
      // package.json's `homepage`, defined at build time like the version.
      homepage: typeof NETPOL_HOMEPAGE === 'string' ? NETPOL_HOMEPAGE : '',
    },
  };
  // Subcommands are dispatched here, before the linter's own options.
  if (argv[0] === 'connectivity') return runConnectivity(argv.slice(1), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
  return runLint(argv, io);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`netpol-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 2;
}
