// The fuzz properties, each with the number of cases `npm test` runs (with a fixed seed); the long mode
// (`npm run fuzz`) runs the same ones with a seed from the command line and many more cases. A case is one input text
// checked by `checkText` (for the typed-prefix property: one prefix).
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { validateNetworkPolicy } from '../../server/src/schema/validate.generated.js';
import { createLanguageService } from '../../server/src/service';
import { checkFastPath, checkFeatures, checkText, failingOn, URI } from './check';
import { corpusDocuments, cursorOffsets, cursors, multiDocumentFile, mutatedCorpusDocument, mutation, mutate, mutatePolicy, schemaMutation, schemaPolicy, toYaml, yamlStyle } from './inputs';

export interface FuzzProperty {
  readonly name: string;
  /** Inputs (fast-check runs) in `npm test`. */
  readonly runs: number;
  /** Cases per input (more than one for the typed-prefix property); the fuzz test counts them. */
  readonly property: (count: (cases: number) => void) => fc.IProperty<unknown[]>;
}

const SCHEMA_RULES = new Set(['unknown-field', 'invalid-type', 'required-field']);

/** Policies typed character by character: a few dozen, of every length, picked once from the corpus. */
function typedPolicies(): string[] {
  const policies = [...new Set(corpusDocuments().policies)].filter((p) => p.length < 1200).sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  return policies.filter((_, i) => i % Math.max(1, Math.floor(policies.length / 40)) === 0);
}

export const PROPERTIES: readonly FuzzProperty[] = [
  {
    name: 'mutated corpus documents: every feature answers, ranges inside, fix-all parses and is idempotent, fast path agrees',
    runs: 4000,
    property: (count) =>
      fc.property(mutatedCorpusDocument(), cursors, (doc, at) => {
        count(1);
        checkText(doc.text, { cursors: cursorOffsets(doc.text, at) });
      }),
  },
  {
    name: 'the fast YAML path agrees with yaml on corpus documents with many mutations',
    runs: 8000,
    property: (count) =>
      fc.property(fc.constantFrom(...corpusDocuments().policies, ...corpusDocuments().others), fc.array(mutation, { minLength: 1, maxLength: 8 }), (source, mutations) => {
        count(1);
        const text = mutations.reduce(mutate, source);
        failingOn(text, () => checkFastPath(text));
      }),
  },
  {
    name: 'policies generated from the schema: schema diagnostics exactly when the schema rejects the policy, and every property',
    runs: 600,
    property: (count) =>
      fc.property(schemaPolicy, fc.option(schemaMutation, { freq: 2, nil: undefined }), yamlStyle, cursors, (policy, m, style, at) => {
        count(1);
        const value = m === undefined ? policy : mutatePolicy(policy, m);
        const text = toYaml(value, style);
        checkText(text, { cursors: cursorOffsets(text, at) });
        const v = value as { apiVersion?: unknown; kind?: unknown };
        if (v.apiVersion !== 'networking.k8s.io/v1' || v.kind !== 'NetworkPolicy') return;
        failingOn(text, () => {
          const service = createLanguageService();
          service.update(URI, text);
          const schemaDiagnostics = service.getDiagnostics(URI).filter((d) => SCHEMA_RULES.has(String(d.code)));
          const valid = validateNetworkPolicy(JSON.parse(JSON.stringify(value)));
          assert.equal(schemaDiagnostics.length > 0, !valid, valid ? `schema diagnostics on a valid policy: ${schemaDiagnostics.map((d) => d.message).join(' / ')}` : 'no schema diagnostic on a policy the schema rejects');
        });
      }),
  },
  {
    name: 'multi-document files of mutated and generated documents',
    runs: 250,
    property: (count) =>
      fc.property(multiDocumentFile(), cursors, (text, at) => {
        count(1);
        checkText(text, { cursors: cursorOffsets(text, at) });
      }),
  },
  {
    name: 'every prefix of real (and mutated) policies, typed character by character into one service, answers as a fresh open does',
    runs: 40,
    property: (count) => {
      const policies = typedPolicies();
      // In `npm test` mostly the policies as written; the long mode also types mutated ones.
      return fc.property(fc.integer({ min: 0, max: policies.length - 1 }), fc.array(mutation, { maxLength: 2 }), (index, mutations) => {
        const policy = mutations.reduce(mutate, policies[index]!);
        const service = createLanguageService();
        service.update(URI, '', 0);
        for (let end = 1; end <= policy.length; end++) {
          count(1);
          const before = policy.slice(0, end - 1);
          const text = policy.slice(0, end);
          failingOn(text, () => {
            // The keystroke as the LSP server hands it on: the edit's offsets, resolved against the previous text.
            service.update(URI, text, end, { from: before, edits: [{ start: end - 1, end: end - 1, text: policy[end - 1]! }] });
            const typed = checkFeatures(service, text, [end, end >> 1]);
            // A fresh open of the same text, every 16th character and at the end, must publish the same diagnostics.
            if (end % 16 === 0 || end === policy.length) {
              const fresh = createLanguageService();
              fresh.update(URI, text);
              assert.deepEqual(typed, fresh.getDiagnostics(URI), 'typed diagnostics differ from a fresh open');
            }
          });
        }
        failingOn(policy, () => checkText(policy, { cursors: [0, policy.length] }));
      });
    },
  },
];
