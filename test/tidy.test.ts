// Guards the conventions ARCHITECTURE.md states, so they hold without anyone remembering them: the layers import only
// downward, the core does no I/O and knows no LSP transport, every rule file is registered under its category, and every
// source file says what it is for.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../server/src/rules/registry';

const SRC = join(import.meta.dirname, '../server/src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? tsFiles(p) : e.endsWith('.ts') && !e.endsWith('.d.ts') ? [p] : [];
  });
}

/** The layer of a file: its top folder under server/src, with lint/settings.ts apart (rules read settings; lint runs rules). */
function layerOf(file: string): string {
  const rel = relative(SRC, file);
  if (rel === 'lint/settings.ts') return 'settings';
  if (rel.startsWith('main-')) return 'entry';
  return rel.includes('/') ? rel.split('/')[0]! : rel.replace(/\.ts$/, '');
}

/** Lower ranks must not import higher ones. */
const RANK: Record<string, number> = { steps: 0, syntax: 0, net: 0, edit: 1, model: 1, schema: 1, settings: 1, workspace: 1.5, connectivity: 1.7, rules: 2, lint: 3, config: 3, features: 4, service: 5, lsp: 6, cli: 6, entry: 7 };
const CORE = new Set(['steps', 'syntax', 'net', 'edit', 'model', 'schema', 'settings', 'workspace', 'connectivity', 'rules', 'lint', 'config', 'features', 'service']);

interface Import {
  from: string;
  specifier: string;
  typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)].map((m) => ({ from: file, specifier: m[2]!, typeOnly: Boolean(m[1]) }));
}

const files = tsFiles(SRC);

/** TypeScript and JavaScript files below a folder (generated files, declarations and node_modules left out). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (e === 'node_modules' || e.startsWith('.')) return [];
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|mts|mjs|js)$/.test(e) && !e.endsWith('.d.ts') && !e.includes('generated') ? [p] : [];
  });
}

describe('tidy', () => {
  it('layers import only downward (features never import the service, not even its types)', () => {
    const wrong: string[] = [];
    for (const file of files) {
      for (const imp of importsOf(file)) {
        if (!imp.specifier.startsWith('.')) continue;
        const target = normalize(join(dirname(file), imp.specifier));
        if (!target.startsWith(SRC)) continue;
        const from = layerOf(file);
        const to = layerOf(target.endsWith('.ts') || target.endsWith('.js') ? target : `${target}.ts`);
        if (from === to || RANK[to] === undefined || RANK[from] === undefined) continue;
        if (RANK[to]! > RANK[from]!) wrong.push(`${relative(SRC, file)} (${from}) imports ${imp.specifier} (${to})`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('the core does no I/O and imports no LSP transport', () => {
    const wrong = files
      .filter((f) => CORE.has(layerOf(f)))
      .flatMap((f) => importsOf(f).filter((i) => i.specifier.startsWith('node:') || /^vscode-languageserver(\/|$)|^vscode-languageclient|^vscode-languageserver-protocol/.test(i.specifier)))
      .map((i) => `${relative(SRC, i.from)} imports ${i.specifier}`);
    assert.deepEqual(wrong, []);
  });

  it('lint looks rules up only in the registry it is given, never in the global one', () => {
    const wrong = files
      .filter((f) => layerOf(f) === 'lint')
      .flatMap((f) => importsOf(f).filter((i) => /rules\/registry$/.test(i.specifier) && !i.typeOnly))
      .map((i) => `${relative(SRC, i.from)} imports ${i.specifier}`);
    assert.deepEqual(wrong, []);
  });

  it('every call into a rule\'s code is made in lint/checks.ts', () => {
    const hooks = /\.(checkPolicy|checkDocument|checkInFile|fileKeys|checkWholeFile|checkSuppressions|fileFacts|documentFacts|fix)!?\??\.?\(/;
    const wrong = files.filter((f) => !f.endsWith('lint/checks.ts') && !relative(SRC, f).startsWith('rules/') && hooks.test(readFileSync(f, 'utf8'))).map((f) => relative(SRC, f));
    assert.deepEqual(wrong, []);
  });

  it('features do not borrow from each other: a feature folder imports only its own files, describe/ and the shared files', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const rel = relative(SRC, file).split('/');
      if (rel[0] !== 'features' || rel.length < 3) continue;
      for (const imp of importsOf(file)) {
        const target = relative(SRC, normalize(join(dirname(file), imp.specifier))).split('/');
        if (target[0] !== 'features' || target.length < 3) continue;
        if (target[1] !== rel[1] && target[1] !== 'describe') wrong.push(`${relative(SRC, file)} imports ${imp.specifier}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('every rule file is registered, in the folder of its category', () => {
    const registered = new Map(allRules.map((r) => [r.meta.id, r]));
    const ruleFiles = files.filter((f) => relative(SRC, f).startsWith('rules/') && /defineRule\(/.test(readFileSync(f, 'utf8')) && relative(SRC, f) !== 'rules/types.ts');
    for (const file of ruleFiles) {
      const id = readFileSync(file, 'utf8').match(/\bid:\s*'([a-z0-9-]+)'/)?.[1];
      assert.ok(id, `${relative(SRC, file)} defines a rule without a literal id`);
      const rule = registered.get(id);
      assert.ok(rule, `${relative(SRC, file)} defines ${id}, which is not in the registry`);
      assert.equal(file.endsWith(`/${id}.ts`), true, `rule ${id} lives in a file named after another id: ${relative(SRC, file)}`);
      assert.equal(relative(SRC, file).split('/')[1], rule.meta.category, `rule ${id} is in the folder of another category`);
    }
    assert.equal(ruleFiles.length, allRules.length, 'the registry holds rules that no rule file defines (or the reverse)');
    assert.equal(new Set(allRules.map((r) => r.meta.id)).size, allRules.length, 'two rules share an id');
  });

  it('every rule has docs with an example and a title without a final period', () => {
    for (const r of allRules) {
      assert.ok(r.meta.docs.length > 200, `${r.meta.id}: docs too short`);
      assert.ok(r.meta.docs.includes('```'), `${r.meta.id}: docs without an example`);
      assert.ok(!r.meta.title.endsWith('.'), `${r.meta.id}: title ends with a period`);
    }
  });

  it('every export is used outside its file, and nothing exported is dead', () => {
    // Imports from anywhere in the repository (source, tests, bench, scripts) count, `await import()` destructuring too.
    const roots = ['server/src', 'client/src', 'test', 'bench', 'scripts'].map((d) => join(import.meta.dirname, '..', d));
    const everywhere = roots.flatMap((r) => sourceFiles(r));
    const importers = new Map<string, Set<string>>();
    for (const file of everywhere) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/(?:(?:import|export)\s+(?:type\s+)?\{([^{}]*)\}\s*from\s*'[^']+')|(?:\{([^{}]*)\}\s*=\s*(?:await\s+)?import\()/g)) {
        for (const part of (m[1] ?? m[2]!).split(',')) {
          const name = part.trim().replace(/^type\s+/, '').split(/\s+as\s+|\s*:\s*/)[0]!.trim();
          if (name) (importers.get(name) ?? importers.set(name, new Set()).get(name)!).add(file);
        }
      }
    }
    const wrong: string[] = [];
    const owned = [...files, ...sourceFiles(join(import.meta.dirname, '../client/src'))];
    for (const file of owned) {
      const text = readFileSync(file, 'utf8');
      const entry = /\/client\/src\/extension(-browser)?\.ts$/.test(file);
      for (const m of text.matchAll(/^export\s+(?:async\s+)?(function\*?|const|let|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm)) {
        const [, kind, name] = m as unknown as [string, string, string];
        if (entry && (name === 'activate' || name === 'deactivate')) continue;
        if ([...(importers.get(name) ?? [])].some((f) => f !== file)) continue;
        // A type named in the file's other exports' signatures is part of its API; one named nowhere is dead.
        const uses = text.match(new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`, 'g'))!.length;
        if ((kind === 'interface' || kind === 'type') && uses > 1) continue;
        wrong.push(`${relative(join(import.meta.dirname, '..'), file)}: ${name}${uses > 1 ? ' (used only in its file: drop `export`)' : ' (used nowhere: delete it)'}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('every source file opens with a comment saying what it is for', () => {
    const bare = [...files, ...tsFiles(join(import.meta.dirname, '../client/src'))].filter((f) => !/^\s*(\/\/|\/\*)/.test(readFileSync(f, 'utf8')));
    assert.deepEqual(bare.map((f) => relative(SRC, f)), []);
  });
});
