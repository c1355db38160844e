// The YAML files below a folder, for tests that sweep the corpus or the fixtures; one walker instead of one per test.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every *.yaml / *.yml file below `dir`, sorted, skipping folders whose name is in `skip`. */
export function yamlFiles(dir: string, skip: readonly string[] = []): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return skip.includes(e.name) ? [] : yamlFiles(path, skip);
      return /\.ya?ml$/.test(e.name) ? [path] : [];
    })
    .sort();
}
