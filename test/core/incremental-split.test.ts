// Re-splitting only the chunks an edit touches must give exactly the chunks of splitting the edited text, and the file line
// index assembled from per-document indexes must answer exactly as a line index of the whole text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { FileLines, LineIndex } from '../../server/src/syntax/lines';
import { DocumentTable } from '../../server/src/syntax/document-table';
import { applyEdit, planEdit, splitDocuments, type OffsetEdit } from '../../server/src/syntax/split';

/** Small deterministic PRNG so that failures reproduce. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) & 0x7fffffff;
    return a / 0x7fffffff;
  };
}

/** An edit replacing up to `longest` characters at a random offset of `text` with one of `pieces`. */
function randomEdit(rnd: () => number, text: string, pieces: readonly string[], longest: number): OffsetEdit {
  const start = Math.floor(rnd() * (text.length + 1));
  const end = Math.min(text.length, start + Math.floor(rnd() * longest));
  return { start, end, text: pieces[Math.floor(rnd() * pieces.length)]! };
}

function applied(text: string, edit: OffsetEdit): string {
  return text.slice(0, edit.start) + edit.text + text.slice(edit.end);
}

/** A language service that has seen only this text: what an incremental one must agree with. */
function freshService(text: string, version: number): LanguageService {
  const service = createLanguageService();
  service.update('f', text, version);
  return service;
}

const PIECES = ['---\n', '---', '--- # c\n', '-', '\n', 'a: 1\n', 'kind: NetworkPolicy\n', '# note\n', '  x: |\n    ---\n', '...\n', 'b', ' ', ''];
const BASE = 'a: 1\n---\nkind: NetworkPolicy\nspec:\n  x: 1\n---\n# c\nb: 2\n---\n\n---\nc: [1]\n';

describe('applyEdit', () => {
  it('agrees with splitting the edited text, for random edits around document markers', () => {
    const rnd = random(8);
    for (let round = 0; round < 300; round++) {
      let text = BASE;
      let chunks = splitDocuments(text);
      for (let step = 0; step < 12; step++) {
        const edit = randomEdit(rnd, text, PIECES, 6);
        text = applied(text, edit);
        chunks = applyEdit(chunks, edit);
        assert.deepEqual(chunks, splitDocuments(text), `after ${JSON.stringify(edit)} giving ${JSON.stringify(text)}`);
      }
    }
  });
});

describe('DocumentTable.edit', () => {
  it('gives the table of the edited text, and keeps the value of every document whose text is unchanged', () => {
    const rnd = random(21);
    for (let round = 0; round < 300; round++) {
      let text = BASE;
      // Each document's value is its own text, so a carried value must equal the text it now sits beside.
      let table = DocumentTable.of<string>(text);
      table = table.withValues(table.texts.slice());
      for (let step = 0; step < 12; step++) {
        const edit = randomEdit(rnd, text, PIECES, 6);
        const before = table;
        text = applied(text, edit);
        table = table.edit(edit);
        const fresh = DocumentTable.of<string>(text);
        const what = `after ${JSON.stringify(edit)} giving ${JSON.stringify(text)}`;
        assert.deepEqual(table.texts, fresh.texts, what);
        assert.deepEqual([...table.starts], [...fresh.starts], what);
        assert.deepEqual([...table.firstLines], [...fresh.firstLines], what);
        assert.equal(table.lineCount, fresh.lineCount, what);
        assert.equal(table.textLength, text.length, what);
        table.values.forEach((v, i) => assert.ok(v === undefined || v === table.texts[i], `${what}: document ${i} carries a value of another text`));
        // Every document outside the re-split region keeps its value; so do re-split ones whose text did not change.
        const plan = planEdit(before, edit);
        const outside = before.length - (plan.to - plan.from + 1);
        const unchanged = plan.replaced.filter((c, k) => c.text === before.texts[plan.from + k] || c.text === before.texts[plan.to - (plan.replaced.length - 1 - k)]).length;
        const carried = table.values.filter((v) => v !== undefined).length;
        assert.equal(carried, outside + unchanged, what);
        table = table.withValues(table.texts.map((t, i) => table.values[i] ?? t));
      }
    }
  });
});

describe('FileLines', () => {
  it('answers as a LineIndex of the whole text', () => {
    for (const text of ['', 'a', '\n', BASE, `${BASE}tail`, '---\n---\n', 'x\n---\ny\n---\nz']) {
      const whole = new LineIndex(text);
      const pieces = splitDocuments(text).map((c) => ({ start: c.start, lines: new LineIndex(c.text) }));
      const assembled = FileLines.fromPieces(pieces, text.length);
      assert.equal(assembled.lineCount, whole.lineCount, JSON.stringify(text));
      for (let o = -1; o <= text.length + 1; o++) assert.deepEqual(assembled.positionAt(o), whole.positionAt(o), `${JSON.stringify(text)} @${o}`);
      for (let line = -1; line <= whole.lineCount + 1; line++) {
        for (let character = 0; character < 6; character++) {
          assert.equal(assembled.offsetAt({ line, character }), whole.offsetAt({ line, character }), `${JSON.stringify(text)} ${line}:${character}`);
        }
        assert.equal(assembled.lineStart(line), whole.lineStart(line));
      }
    }
  });
});

describe('service.update with edits', () => {
  it('gives the same diagnostics as a full re-analysis, and reuses the untouched documents', () => {
    const policy = (name: string, extra = '') => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: prod\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]${extra}\n`;
    const text = ['a', 'b', 'c', 'd'].map((n) => policy(n)).join('---\n');
    const incremental = createLanguageService();
    incremental.update('f', text, 1);
    const before = incremental.snapshot('f')!.documents.map((d) => d.analysis);
    const at = text.indexOf('name: b') + 'name: b'.length;
    const edits: OffsetEdit[] = [
      { start: at, end: at, text: 'x' },
      { start: at + 1, end: at + 1, text: '\n  bogus: 1' },
    ];
    let next = text;
    for (const e of edits) next = next.slice(0, e.start) + e.text + next.slice(e.end);
    incremental.update('f', next, 2, { from: text, edits });
    const after = incremental.snapshot('f')!;
    assert.equal(after.documents[0]!.analysis, before[0]);
    assert.notEqual(after.documents[1]!.analysis, before[1]);
    assert.equal(after.documents[3]!.analysis, before[3]);
    const full = createLanguageService();
    full.update('f', next, 2);
    assert.deepEqual(incremental.getDiagnostics('f'), full.getDiagnostics('f'));
    assert.ok(full.getDiagnostics('f').some((d) => d.code === 'unknown-field'));
  });

  it('gives what a fresh analysis gives after every one of many random edits (documents added, removed, suppressed)', () => {
    const policy = (i: number) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p${i % 4}\n  namespace: ns${i % 2}\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n      ports:\n        - port: ${i % 3 === 0 ? 70000 : 443}\n`;
    const pieces = ['---\n', '# netpol-disable-next-line invalid-port\n', '# netpol-disable egress-blocks-dns\n', 'x', '\n', '  bogus: 1\n', '', 'name: p1\n', '53'];
    const rnd = random(5);
    let text = Array.from({ length: 8 }, (_, i) => policy(i)).join('---\n');
    const incremental = createLanguageService();
    incremental.update('f', text, 1);
    incremental.getDiagnostics('f');
    const seen = new Set<string>();
    for (let step = 0; step < 150; step++) {
      const edit = randomEdit(rnd, text, pieces, 8);
      const next = applied(text, edit);
      incremental.update('f', next, step + 2, { from: text, edits: [edit] });
      text = next;
      const fresh = freshService(text, step + 2);
      const diagnostics = incremental.getDiagnostics('f');
      assert.deepEqual(diagnostics, fresh.getDiagnostics('f'), `after ${JSON.stringify(edit)} giving ${JSON.stringify(text)}`);
      assert.deepEqual(incremental.snapshot('f')!.findings, fresh.snapshot('f')!.findings);
      for (const d of diagnostics) seen.add(String(d.code));
    }
    for (const id of ['invalid-port', 'egress-blocks-dns', 'unused-suppression', 'duplicate-policy-name', 'unknown-field']) assert.ok(seen.has(id), `${id} never seen: ${[...seen].join(', ')}`);
  });

  it('moves file-wide findings with their documents when an empty document is added or removed before them', () => {
    const policy = (name: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: prod\nspec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports:\n        - port: 443\n`;
    let text = ['a', 'b', 'c', 'c', 'd'].map(policy).join('---\n');
    const service = createLanguageService();
    service.update('f', text, 1);
    const codes = (diagnostics: { code?: unknown }[]) => diagnostics.map((d) => String(d.code));
    assert.ok(codes(service.getDiagnostics('f')).includes('duplicate-policy-name'));
    const second = text.indexOf('---\n') + 4;
    const steps: OffsetEdit[] = [
      { start: second, end: second, text: '---\n' }, // an empty document before the duplicates
      { start: second, end: second, text: '# a comment\n---\n' },
      { start: second, end: second + '# a comment\n---\n---\n'.length, text: '' }, // both removed again
    ];
    for (const [k, edit] of steps.entries()) {
      const next = applied(text, edit);
      service.update('f', next, k + 2, { from: text, edits: [edit] });
      text = next;
      const fresh = freshService(text, k + 2);
      assert.deepEqual(service.getDiagnostics('f'), fresh.getDiagnostics('f'), `after ${JSON.stringify(edit)}`);
      assert.deepEqual(service.snapshot('f')!.findings, fresh.snapshot('f')!.findings, `after ${JSON.stringify(edit)}`);
    }
  });

  it('falls back to a full split when the edits do not apply to the text it has', () => {
    const service = createLanguageService();
    service.update('f', 'a: 1\n---\nb: 2\n', 1);
    service.snapshot('f');
    service.update('f', 'a: 1\n---\nb: 22\n', 2, { from: 'something else', edits: [{ start: 0, end: 0, text: 'zz' }] });
    assert.deepEqual(
      service.snapshot('f')!.documents.map((d) => d.start),
      splitDocuments('a: 1\n---\nb: 22\n').map((c) => c.start),
    );
  });
});

describe('hover and completion while a large file is being analysed', () => {
  it('analyse only the document at the cursor, not the whole file', () => {
    const service = createLanguageService();
    const doc = (i: number) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p${i}\n  namespace: prod\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n`;
    const text = Array.from({ length: 200 }, (_, i) => doc(i)).join('---\n');
    service.update('f', text, 1);
    const line = text.slice(0, text.indexOf('name: p100')).split('\n').length - 1;
    const hover = service.doHover('f', { line: line + 3, character: 4 });
    assert.ok(hover, 'hover on podSelector of document 100');
    service.doComplete('f', { line: line + 3, character: 2 });
    // The rest of the file still awaits analysis: one step per document.
    let steps = 0;
    for (const gen = service.analyzeInSteps('f', 1); !gen.next().done; ) steps++;
    assert.ok(steps >= 190, `only ${steps} documents were left to analyse`);
  });
});

describe('file-wide rules across edits', () => {
  it('give the same diagnostics as a fresh analysis after every edit (facts changed or not)', () => {
    const doc = (i: number) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p${i}\n  namespace: ns${i % 3}\n  labels:\n    team: t${i}\nspec:\n  podSelector:\n    matchLabels:\n      app: a${i}\n  policyTypes: [Egress]\n  egress:\n    - ports:\n        - protocol: UDP\n          port: 53\n`;
    let text = Array.from({ length: 12 }, (_, i) => doc(i)).join('---\n');
    const incremental = createLanguageService();
    incremental.update('f', text, 1);
    incremental.getDiagnostics('f');
    const replace = (from: string, to: string) => {
      const start = text.indexOf(from);
      assert.ok(start >= 0, from);
      return { start, end: start + from.length, text: to };
    };
    const steps: [string, string][] = [
      ['team: t3', 'team: t33'], // no fact changes
      ['name: p4', 'name: p1'], // the same name in the same namespace (4 % 3 = 1 % 3): reported
      ['team: t5', 'team: t55'],
      ['port: 53', 'port: 54'], // the first policy no longer allows DNS: reported
      ['namespace: ns1', 'namespace: ns2'], // one of the duplicates moves away
      ['port: 54', 'port: 53'],
      ['name: p1', 'name: p7'], // another duplicate
    ];
    let version = 1;
    const seen = new Set<string>();
    for (const [from, to] of steps) {
      const edit = replace(from, to);
      const next = applied(text, edit);
      incremental.update('f', next, ++version, { from: text, edits: [edit] });
      text = next;
      const fresh = freshService(text, version);
      const diagnostics = incremental.getDiagnostics('f');
      assert.deepEqual(diagnostics, fresh.getDiagnostics('f'), `after ${JSON.stringify(edit)}`);
      for (const d of diagnostics) seen.add(String(d.code));
    }
    assert.ok(seen.has('duplicate-policy-name') && seen.has('egress-blocks-dns'), [...seen].join(', '));
  });
});

describe('file-wide rules across random edits of what they read', () => {
  // Policies whose names, namespaces, selectors, policy types and DNS ports collide often, so that every file-wide rule
  // reports and stops reporting as the edits go; identical documents (one analysis in two places) included.
  const doc = (i: number) => {
    const selector = i % 3 === 0 ? '  podSelector: {}\n' : `  podSelector:\n    matchLabels:\n      app: a${i % 4}\n${i % 2 ? '      tier: t1\n' : ''}`;
    const egress = i % 2 === 0 ? `  egress:\n    - to:\n        - namespaceSelector: {}\n      ports:\n        - protocol: UDP\n          port: 53\n` : '';
    return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p${i % 5}\n${i % 4 === 3 ? '' : `  namespace: ns${i % 3}\n`}spec:\n${selector}  policyTypes: [${i % 3 === 1 ? 'Ingress, Egress' : 'Egress'}]\n${egress}`;
  };
  /** Edits that change what file-wide rules read: each replaces one occurrence of the first text with the second. */
  const swaps: [string, string][] = [
    ['port: 53', 'port: 54'],
    ['port: 54', 'port: 53'],
    ['protocol: UDP', 'protocol: TCP'],
    ['protocol: TCP', 'protocol: UDP'],
    ['namespace: ns0', 'namespace: ns1'],
    ['namespace: ns1', 'namespace: ns2'],
    ['namespace: ns2', 'namespace: ns0'],
    ['  namespace: ns1\n', ''],
    ['name: p1', 'name: p2'],
    ['name: p2', 'name: p3'],
    ['name: p3', 'name: p1'],
    ['app: a1', 'app: a2'],
    ['app: a2', 'app: a1'],
    ['      tier: t1\n', ''],
    ['podSelector: {}', 'podSelector:\n    matchLabels:\n      app: a1'],
    ['podSelector:\n    matchLabels:\n      app: a1\n', 'podSelector: {}\n'],
    ['[Egress]', '[Ingress]'],
    ['[Ingress]', '[Ingress, Egress]'],
    ['[Ingress, Egress]', '[Egress]'],
    ['    - to:\n        - namespaceSelector: {}\n', '    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n'],
  ];

  function randomStep(rnd: () => number, text: string): OffsetEdit | undefined {
    const boundaries = [0, ...[...text.matchAll(/^---\n/gm)].map((m) => m.index!), text.length];
    const pickBoundary = () => boundaries[Math.floor(rnd() * boundaries.length)]!;
    const what = rnd();
    if (what < 0.6) {
      const [from, to] = swaps[Math.floor(rnd() * swaps.length)]!;
      const hits = [...text.matchAll(new RegExp(from.replace(/[[\]{}]/g, '\\$&'), 'g'))].map((m) => m.index!);
      if (hits.length === 0) return undefined;
      const start = hits[Math.floor(rnd() * hits.length)]!;
      return { start, end: start + from.length, text: to };
    }
    const at = pickBoundary();
    const prefix = at === text.length && !text.endsWith('\n') ? '\n' : '';
    if (what < 0.75) return { start: at, end: at, text: `${prefix}---\n${doc(Math.floor(rnd() * 12))}` }; // a document added
    if (what < 0.8) return { start: at, end: at, text: `${prefix}---\n` }; // an empty one
    if (what < 0.9) {
      // A document copied right after itself: the same analysis in two places.
      const k = Math.floor(rnd() * (boundaries.length - 1));
      const copy = text.slice(boundaries[k]!, boundaries[k + 1]!);
      return copy.startsWith('---\n') ? { start: boundaries[k + 1]!, end: boundaries[k + 1]!, text: copy } : undefined;
    }
    // A document removed.
    const k = 1 + Math.floor(rnd() * Math.max(1, boundaries.length - 2));
    return k < boundaries.length - 1 ? { start: boundaries[k]!, end: boundaries[k + 1]!, text: '' } : undefined;
  }

  for (const [name, settings] of [
    ['default settings', {}],
    ['the strict profile and flannel', { profile: 'strict', cni: 'flannel' }],
    ['cilium', { cni: 'cilium' }],
  ] as const) {
    it(`give what a fresh analysis gives after every edit (${name}): ports, labels, namespaces, names, policyTypes, documents added and removed`, () => {
      const rnd = random(name.length * 7 + 3);
      const seen = new Set<string>();
      for (let round = 0; round < 4; round++) {
        let text = Array.from({ length: 10 }, (_, i) => doc(i + round)).join('---\n');
        const incremental = createLanguageService();
        incremental.setSettings(settings);
        incremental.update('f', text, 1);
        incremental.getDiagnostics('f');
        for (let step = 0; step < 40; step++) {
          const edit = randomStep(rnd, text);
          if (!edit) continue;
          const next = applied(text, edit);
          incremental.update('f', next, step + 2, { from: text, edits: [edit] });
          text = next;
          const fresh = createLanguageService();
          fresh.setSettings(settings);
          fresh.update('f', text, step + 2);
          const diagnostics = incremental.getDiagnostics('f');
          const what = `round ${round}, after ${JSON.stringify(edit)} giving\n${text}`;
          assert.deepEqual(diagnostics, fresh.getDiagnostics('f'), what);
          assert.deepEqual(incremental.snapshot('f')!.findings, fresh.snapshot('f')!.findings, what);
          for (const d of diagnostics) seen.add(String(d.code));
        }
      }
      const expected = ['duplicate-policy-name', 'egress-blocks-dns', ...(name.includes('strict') ? ['namespace-without-default-deny', 'cni-no-enforcement'] : [])];
      for (const id of expected) assert.ok(seen.has(id), `${id} never seen: ${[...seen].join(', ')}`);
    });
  }
});

describe('snapshot.documentsAt', () => {
  it('finds, at every offset, the documents a scan of all documents finds', () => {
    for (const text of ['', 'a: 1\n', BASE, `${BASE}tail`, '---\n---\n', 'x\n---\ny\n---\nz']) {
      const service = createLanguageService();
      service.update('f', text, 1);
      const snapshot = service.snapshot('f')!;
      assert.ok(snapshot.documentsAt, 'the service snapshot answers documentsAt');
      for (let offset = -1; offset <= text.length + 1; offset++) {
        const scanned = snapshot.documents.filter((d) => d.start <= offset && offset <= d.start + d.analysis.text.length);
        assert.deepEqual(snapshot.documentsAt(offset), scanned, `${JSON.stringify(text)} @${offset}`);
      }
    }
  });
});

describe('outline, code lenses and code actions across edits', () => {
  it('give what a fresh analysis gives after every edit, though they are cached per document', () => {
    const policy = (i: number) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p${i}\n  namespace: ns${i % 2}\nspec:\n  podSelector:\n    matchLabels:\n      app: a${i}\n  ingress:\n    - from:\n        - podSelector: {}\n      ports:\n        - port: ${8000 + i}\n`;
    const pieces = ['---\n', '\n', 'x', '  # note\n', '', '        - port: 53\n'];
    const rnd = random(13);
    let text = Array.from({ length: 6 }, (_, i) => policy(i)).join('---\n');
    const incremental = createLanguageService();
    incremental.update('f', text, 1);
    for (let step = 0; step < 60; step++) {
      // Warm the caches on the current version, then edit.
      incremental.getCodeLenses('f');
      incremental.getDocumentSymbols('f');
      const edit = randomEdit(rnd, text, pieces, 4);
      const next = applied(text, edit);
      incremental.update('f', next, step + 2, { from: text, edits: [edit] });
      text = next;
      const fresh = freshService(text, step + 2);
      const what = `after ${JSON.stringify(edit)}`;
      assert.deepEqual(incremental.getCodeLenses('f'), fresh.getCodeLenses('f'), what);
      assert.deepEqual(incremental.getDocumentSymbols('f'), fresh.getDocumentSymbols('f'), what);
      const line = Math.floor(rnd() * text.split('\n').length);
      const range = { start: { line, character: 2 }, end: { line, character: 2 } };
      assert.deepEqual(incremental.getCodeActions('f', range, { diagnostics: [] }), fresh.getCodeActions('f', range, { diagnostics: [] }), what);
    }
  });
});
