// Builds the model of one NetworkPolicy from YAML text for feature tests, and the service snapshot of a file.
import assert from 'node:assert/strict';
import { parseDocumentChunk } from '../../server/src/lint/document';
import type { NetworkPolicy } from '../../server/src/model/policy';
import type { FileSnapshot } from '../../server/src/lint/snapshot';
import { createLanguageService } from '../../server/src/service';

/** A NetworkPolicy with the given `spec:` block (YAML, starting at column 0) in namespace `prod` unless told otherwise. */
export function policyYaml(spec: string, options: { namespace?: string | null; name?: string } = {}): string {
  const namespace = options.namespace === undefined ? 'prod' : options.namespace;
  return [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: ${options.name ?? 'test'}`,
    ...(namespace === null ? [] : [`  namespace: ${namespace}`]),
    spec.trimEnd(),
    '',
  ].join('\n');
}

export function modelOf(text: string): NetworkPolicy {
  const { parsed, policies } = parseDocumentChunk(text);
  assert.deepEqual(parsed.syntaxErrors, [], 'fixture must be valid YAML');
  assert.equal(policies.length, 1, 'fixture must hold one NetworkPolicy');
  return policies[0]!;
}

export function snapshotOf(text: string, settings?: unknown): FileSnapshot {
  const service = createLanguageService(settings === undefined ? {} : { settings });
  service.update('file:///test.yaml', text);
  return service.snapshot('file:///test.yaml')!;
}
