// Builds the release bundles the benchmark measures into .bench/dist/, with the same esbuild options as
// `npm run build:release`. The shared dist/ is rebuilt in development mode by every `npm test`, so the benchmark keeps its own.
import { build } from 'esbuild';
import { join } from 'node:path';

export async function buildRelease(root: string): Promise<{ server: string; cli: string }> {
  const outdir = join(root, '.bench', 'dist');
  const common = {
    bundle: true,
    platform: 'node' as const,
    target: 'node20',
    format: 'cjs' as const,
    minify: true,
    sourcemap: false,
    logLevel: 'warning' as const,
    define: { NETPOL_VERSION: JSON.stringify('bench') },
    absWorkingDir: root,
  };
  const server = join(outdir, 'server.js');
  const cli = join(outdir, 'cli.js');
  await build({ ...common, entryPoints: ['server/src/main-server.ts'], outfile: server });
  await build({ ...common, entryPoints: ['server/src/main-cli.ts'], outfile: cli });
  return { server, cli };
}
