// A repository of policies alone gets no workspace diagnostics: each project of the corpus is indexed as one workspace,
// then each of its files is opened and checked for findings of the workspace rules (which judge only namespaces whose
// workloads they see). Projects whose copy in the corpus holds workloads (argo-cd, netpol-analyzer's test folders) are
// partial copies of larger repositories, so they are left out here.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/rules/registry';
import { createLanguageService } from '../../server/src/service';
import { yamlFiles } from '../support/files';

const corpus = join(import.meta.dirname, '..', 'corpus');
const workspaceRules = new Set(allRules.filter((r) => r.meta.category === 'workspace').map((r) => r.meta.id));
const projects = readdirSync(corpus, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe('workspace rules on the policy corpus', () => {
  it('report nothing in a workspace of policies alone, under the strict profile too', () => {
    const policiesOnly: string[] = [];
    const reported: string[] = [];
    for (const project of projects) {
      const service = createLanguageService({ settings: { profile: 'strict' } });
      const files = yamlFiles(join(corpus, project)).map((f) => [`file:///corpus/${relative(corpus, f)}`, readFileSync(f, 'utf8')] as const);
      for (const [uri, text] of files) service.updateWorkspaceFile(uri, text);
      const index = service.workspaceIndex();
      if (index.workloads().length > 0 || index.policies().length === 0) continue;
      policiesOnly.push(project);
      for (const [uri, text] of files) {
        service.update(uri, text);
        for (const d of service.getDiagnostics(uri)) if (workspaceRules.has(String(d.code))) reported.push(`${uri}: ${d.message}`);
        service.close(uri);
      }
    }
    assert.ok(policiesOnly.length >= 9, `projects of policies alone: ${policiesOnly.join(', ')}`);
    assert.deepEqual(reported, []);
  });
});
