// Reported paths for CI formats: relative to the working folder with forward slashes (GitHub, GitLab and SARIF's
// %SRCROOT% all resolve paths from the checkout), and as a URI reference for SARIF.
import { isAbsolute, relative, resolve, sep } from 'node:path';

export function relativePath(cwd: string, file: string): string {
  if (file === '-') return file;
  const rel = relative(cwd, resolve(cwd, file));
  return (rel.startsWith('..') || isAbsolute(rel) ? resolve(cwd, file) : rel).split(sep).join('/');
}

/** A relative URI reference: each segment percent-encoded, so a space, `,`, `#` or a `:` (which would read as a scheme) is safe. */
export function relativeUri(cwd: string, file: string): string {
  const path = relativePath(cwd, file);
  const encoded = path.split('/').map(encodeURIComponent).join('/');
  return path.startsWith('/') ? `file://${encoded}` : encoded;
}
