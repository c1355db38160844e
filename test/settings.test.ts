// Settings (rule levels, profile, cloud, cni) and suppression comments change what is reported, the same way in the language
// service, in the LSP server over stdio (initializationOptions and workspace/didChangeConfiguration) and in netpol-lint
// (--rule, --config .netpol.yaml, --cloud, --cni, --profile). The LSP and CLI parts run the built dist/ files.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DEFAULT_SETTINGS, normaliseSettings } from '../server/src/lint/settings';
import { workspaceOptions } from '../server/src/lsp/workspace-files';
import { createLanguageService } from '../server/src/service';
import { runCli } from './support/cli';
import { messageText } from './support/fixtures';
import { serverStarter } from './support/lsp-client';

const METADATA = 'egress-reaches-metadata-endpoint';

/** One policy that trips rules of every kind of setting: a metadata endpoint, broad egress, endPort, no default deny. */
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: prod
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
      ports:
        - port: 80
        - port: 8000
          endPort: 8100
    - to:
        - ipBlock: {cidr: 10.0.0.0/8}
      ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
`;

/** Line (0-based) of `cidr: 0.0.0.0/0`, where the metadata warning sits. */
const CIDR_LINE = POLICY.split('\n').findIndex((l) => l.includes('0.0.0.0/0'));

function lint(text: string, settings: unknown = {}): Diagnostic[] {
  const service = createLanguageService({ settings });
  service.update('file:///p.yaml', text);
  return service.getDiagnostics('file:///p.yaml');
}

const codes = (ds: readonly Diagnostic[]) => ds.map((d) => String(d.code)).sort();
const find = (ds: readonly Diagnostic[], code: string) => ds.find((d) => d.code === code);
const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

/** Inserts a comment line above `line`, keeping its indentation. */
function withCommentAbove(text: string, line: number, comment: string): string {
  const lines = text.split('\n');
  const indent = /^\s*/.exec(lines[line]!)![0];
  lines.splice(line, 0, `${indent}${comment}`);
  return lines.join('\n');
}

describe('normaliseSettings', () => {
  it('rejects values outside the vocabulary with a message and uses the defaults', () => {
    const problems: string[] = [];
    const settings = normaliseSettings({ cloud: 'amazon', cni: 'flanel', profile: 'paranoid', kubernetesVersion: 'v1.30', enable: 'yes', rules: { 'invalid-port': 'warn', 'unknown-field': 'info' }, cluster: { podCIDR: '10.244.0.0/16,10.300.0.0/16' } }, (m) => problems.push(m));
    assert.deepEqual(settings, { ...DEFAULT_SETTINGS, rules: { 'unknown-field': 'information' }, cluster: { serviceCIDR: [], podCIDR: ['10.244.0.0/16'] } });
    assert.deepEqual(problems, [
      'netpol.kubernetesVersion: "v1.30" is not a Kubernetes minor version such as "1.35"; using the default "1.37".',
      'netpol.rules.invalid-port: "warn" is not one of off, hint, information, warning, error; using the rule\'s own severity.',
      'netpol.enable: "yes" is not true or false; using the default true.',
      'netpol.cloud: "amazon" is not one of any, aws, gcp, azure, alibaba, oracle, tencent, scaleway, digitalocean, openstack, hetzner; using the default "any".',
      'netpol.cni: "flanel" is not one of unknown, calico, cilium, aws-vpc-cni, azure-npm, flannel, weave, kube-router, antrea, ovn-kubernetes; using the default "unknown".',
      'netpol.profile: "paranoid" is not one of default, strict; using the default "default".',
      'netpol.cluster.podCIDR: "10.300.0.0/16" is not a CIDR; left out.',
    ]);
  });

  it('accepts every value of the vocabulary, in any case', () => {
    const problems: string[] = [];
    assert.equal(normaliseSettings({ cni: 'OVN-Kubernetes', cloud: 'AWS' }, (m) => problems.push(m)).cni, 'ovn-kubernetes');
    assert.deepEqual(problems, []);
  });
});

describe('workspaceOptions (netpol.workspace.*)', () => {
  it('reads enable and exclude, and says what is wrong with anything else, with the closest setting', () => {
    const problems: string[] = [];
    assert.deepEqual(workspaceOptions({ workspace: { enable: false, exclude: ['charts/**'] } }, (m) => problems.push(m)), { enable: false, exclude: ['charts/**'] });
    assert.deepEqual(workspaceOptions({}, (m) => problems.push(m)), { enable: true, exclude: [] });
    assert.equal(problems.length, 0);
    assert.deepEqual(workspaceOptions({ workspace: { enabel: false, enable: 'no', exclude: 'charts/**' } }, (m) => problems.push(m)), { enable: true, exclude: [] });
    assert.deepEqual(problems, [
      'netpol.workspace.enabel is not a setting; did you mean netpol.workspace.enable? The workspace settings are netpol.workspace.enable and netpol.workspace.exclude.',
      'netpol.workspace.enable: "no" is not true or false; using the default true.',
      'netpol.workspace.exclude: "charts/**" is not a list of globs such as ["charts/**"]; excluding nothing more.',
    ]);
  });
});

describe('settings in the language service', () => {
  it('reports the default rules only: no strict-profile or CNI rules without their settings', () => {
    assert.deepEqual(codes(lint(POLICY)), [METADATA]);
    const d = find(lint(POLICY), METADATA)!;
    assert.equal(SEVERITY[d.severity!], 'warning');
    assert.equal(d.range.start.line, CIDR_LINE);
  });

  it('profile strict adds broad-egress and namespace-without-default-deny', () => {
    assert.deepEqual(codes(lint(POLICY, { profile: 'strict' })), ['broad-egress', METADATA, 'namespace-without-default-deny']);
  });

  it('a rule level turns a rule off, changes its severity, or turns a strict rule on without the profile', () => {
    assert.deepEqual(codes(lint(POLICY, { rules: { [METADATA]: 'off' } })), []);
    assert.equal(SEVERITY[find(lint(POLICY, { rules: { [METADATA]: 'error' } }), METADATA)!.severity!], 'error');
    assert.equal(SEVERITY[find(lint(POLICY, { rules: { 'broad-egress': 'information' } }), 'broad-egress')!.severity!], 'information');
    assert.deepEqual(codes(lint(POLICY, { profile: 'strict', rules: { 'broad-egress': 'off' } })), [METADATA, 'namespace-without-default-deny']);
  });

  it('cloud adds the provider endpoints to the metadata check', () => {
    assert.doesNotMatch(messageText(find(lint(POLICY), METADATA)!), /169\.254\.170\.23\b/);
    assert.match(messageText(find(lint(POLICY, { cloud: 'aws' }), METADATA)!), /EKS Pod Identity, add 169\.254\.170\.23\/32 too/);
    assert.match(messageText(find(lint(POLICY, { cloud: 'alibaba' }), METADATA)!), /100\.100\.100\.200/);
  });

  it('cni enables the CNI rules', () => {
    const weave = find(lint(POLICY, { cni: 'weave' }), 'cni-unsupported-feature')!;
    assert.match(messageText(weave), /Weave Net does not implement endPort/);
    assert.equal(SEVERITY[weave.severity!], 'warning');
    assert.equal(SEVERITY[find(lint(POLICY, { cni: 'cilium' }), 'cni-unsupported-feature')!.severity!], 'information');
    assert.ok(find(lint(POLICY, { cni: 'flannel' }), 'cni-no-enforcement'));
    assert.deepEqual(codes(lint(POLICY, { cni: 'calico' })), [METADATA]);
  });

  it('kubernetesVersion: the namespace label suggestion needs 1.21', () => {
    const text = POLICY.replace('- ipBlock: {cidr: 10.0.0.0/8}', '- namespaceSelector: {matchLabels: {name: kube-system}}');
    assert.ok(find(lint(text), 'namespace-label-name'));
    assert.equal(find(lint(text, { kubernetesVersion: '1.20' }), 'namespace-label-name'), undefined);
  });

  it('setSettings on a live service re-checks open files', () => {
    const service = createLanguageService();
    service.update('file:///p.yaml', POLICY);
    assert.deepEqual(codes(service.getDiagnostics('file:///p.yaml')), [METADATA]);
    service.setSettings({ rules: { [METADATA]: 'off' }, cni: 'flannel' });
    assert.deepEqual(codes(service.getDiagnostics('file:///p.yaml')), ['cni-no-enforcement']);
    service.setSettings({});
    assert.deepEqual(codes(service.getDiagnostics('file:///p.yaml')), [METADATA]);
  });
});

describe('suppression comments in the language service', () => {
  it('netpol-disable-next-line hides the rule on the next line only', () => {
    const text = withCommentAbove(POLICY, CIDR_LINE, `# netpol-disable-next-line ${METADATA}`);
    assert.deepEqual(codes(lint(text)), []);
  });

  it('netpol-disable hides the rule in the whole document', () => {
    const text = `# netpol-disable ${METADATA}\n${POLICY}---\n${POLICY.replace('name: web', 'name: other')}`;
    const ds = lint(text);
    assert.deepEqual(codes(ds), [METADATA]);
    assert.ok(ds[0]!.range.start.line > POLICY.split('\n').length, 'only the second document keeps its diagnostic');
  });

  it('a suppression for another rule, or on the wrong line, hides nothing and is reported as unused', () => {
    const wrongRule = lint(withCommentAbove(POLICY, CIDR_LINE, '# netpol-disable-next-line ignored-rules'));
    assert.deepEqual(codes(wrongRule), [METADATA, 'unused-suppression']);
    // A comment for a rule that is off (broad-egress outside the strict profile) is left alone: it documents intent.
    assert.deepEqual(codes(lint(withCommentAbove(POLICY, CIDR_LINE, '# netpol-disable-next-line broad-egress'))), [METADATA]);
    // With the strict profile the same comment does hide broad-egress, on that line, and is used.
    assert.deepEqual(codes(lint(withCommentAbove(POLICY, CIDR_LINE, '# netpol-disable-next-line broad-egress'), { profile: 'strict' })), [METADATA, 'namespace-without-default-deny']);
    const wrongLine = lint(withCommentAbove(POLICY, CIDR_LINE - 1, `# netpol-disable-next-line ${METADATA}`));
    assert.deepEqual(codes(wrongLine), [METADATA, 'unused-suppression']);
    assert.equal(SEVERITY[find(wrongLine, 'unused-suppression')!.severity!], 'hint');
  });

  it('suppresses file-wide (checkFile) rules too', () => {
    // The finding is on the second policy, so the document-wide comment goes into the second document.
    const text = `${POLICY}---\n# netpol-disable duplicate-policy-name\n${POLICY}`;
    assert.ok(!codes(lint(text)).includes('duplicate-policy-name'));
    assert.ok(codes(lint(`${POLICY}---\n${POLICY}`)).includes('duplicate-policy-name'));
  });
});

describe('settings in the LSP server over stdio', () => {
  const startServer = serverStarter();

  it('initializationOptions, then workspace/didChangeConfiguration, change the published diagnostics', async () => {
    const c = await startServer({ initializationOptions: { netpol: { profile: 'strict', cni: 'weave' } } });
    const uri = 'file:///settings.yaml';
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POLICY } });
    const first = await c.waitFor((p) => p.uri === uri);
    assert.deepEqual(codes(first.diagnostics), ['broad-egress', 'cni-unsupported-feature', METADATA, 'namespace-without-default-deny']);
    assert.equal(find(first.diagnostics, METADATA)!.range.start.line, CIDR_LINE);

    const before = c.published.length;
    c.connection.sendNotification('workspace/didChangeConfiguration', {
      settings: { netpol: { rules: { [METADATA]: 'error' }, cloud: 'aws' } },
    });
    const second = await c.waitFor((p) => p.uri === uri && c.published.indexOf(p) >= before);
    assert.deepEqual(codes(second.diagnostics), [METADATA]);
    const d = find(second.diagnostics, METADATA)!;
    assert.equal(SEVERITY[d.severity!], 'error');
    assert.match(messageText(d), /169\.254\.170\.23/);
  });

  it('netpol.cluster.serviceCIDR as VS Code sends it (a nested section) moves the Service-range judgement', async () => {
    const c = await startServer({ initializationOptions: { netpol: { cluster: { serviceCIDR: ['172.20.0.0/16'] } } } });
    const uri = 'file:///cluster.yaml';
    const text = POLICY.replace('- ipBlock: {cidr: 10.0.0.0/8}', '- ipBlock: {cidr: 172.20.0.10/32}');
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const published = await c.waitFor((p) => p.uri === uri);
    const d = find(published.diagnostics, 'ipblock-service-address')!;
    assert.equal(SEVERITY[d.severity!], 'warning');
    assert.match(messageText(d), /inside the cluster's Service range 172\.20\.0\.0\/16/);
  });

  it('suppression comments apply to what the server publishes', async () => {
    const c = await startServer();
    const uri = 'file:///suppressed.yaml';
    const text = withCommentAbove(POLICY, CIDR_LINE, `# netpol-disable-next-line ${METADATA}`);
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    const p = await c.waitFor((x) => x.uri === uri);
    assert.deepEqual(p.diagnostics, []);
  });
});

describe('settings in netpol-lint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-settings-'));
  writeFileSync(join(dir, 'p.yaml'), POLICY);

  function run(args: string[]): { status: number | null; rules: string[]; diagnostics: { rule: string; severity: string; message: string }[] } {
    const r = runCli(['--format', 'json', ...args], { cwd: dir });
    const files = JSON.parse(r.stdout) as { diagnostics: { rule: string; severity: string; message: string }[] }[];
    const diagnostics = files.flatMap((f) => f.diagnostics);
    return { status: r.status, rules: diagnostics.map((d) => d.rule).sort(), diagnostics };
  }

  it('defaults, --profile, --cni, --cloud and --rule', () => {
    assert.deepEqual(run(['p.yaml']).rules, [METADATA]);
    assert.deepEqual(run(['--profile', 'strict', 'p.yaml']).rules, ['broad-egress', METADATA, 'namespace-without-default-deny']);
    assert.deepEqual(run(['--cni', 'flannel', 'p.yaml']).rules, ['cni-no-enforcement', METADATA]);
    assert.match(run(['--cloud', 'aws', 'p.yaml']).diagnostics[0]!.message, /169\.254\.170\.23\/32 too/);
    const off = run(['--rule', `${METADATA}=off`, 'p.yaml']);
    assert.deepEqual(off.rules, []);
    assert.equal(off.status, 0);
    const error = run(['--rule', `${METADATA}=error`, 'p.yaml']);
    assert.equal(error.diagnostics[0]!.severity, 'error');
    assert.equal(error.status, 1);
  });

  it('--kubernetes-version', () => {
    writeFileSync(join(dir, 'name-label.yaml'), POLICY.replace('- ipBlock: {cidr: 10.0.0.0/8}', '- namespaceSelector: {matchLabels: {name: kube-system}}'));
    assert.deepEqual(run(['name-label.yaml']).rules, [METADATA, 'namespace-label-name']);
    // (1.20 also brings the api rule on endPort, which that version did not serve.)
    assert.ok(!run(['--kubernetes-version', '1.20', 'name-label.yaml']).rules.includes('namespace-label-name'));
  });

  it('--config reads rule levels, profile and cni from a .netpol.yaml file', () => {
    const config = join(dir, 'strict.netpol.yaml');
    writeFileSync(config, `profile: strict\ncni: weave\nrules:\n  ${METADATA}: off\n  namespace-without-default-deny: information\n`);
    const r = run(['--config', config, 'p.yaml']);
    assert.deepEqual(r.rules, ['broad-egress', 'cni-unsupported-feature', 'namespace-without-default-deny']);
    assert.equal(r.diagnostics.find((d) => d.rule === 'namespace-without-default-deny')!.severity, 'information');
  });

  it('--service-cidr and --pod-cidr set the cluster ranges, merged per key with .netpol.yaml; a value that is not a CIDR is a usage error', () => {
    writeFileSync(join(dir, 'ranges.yaml'), POLICY.replace('- ipBlock: {cidr: 10.0.0.0/8}', '- ipBlock: {cidr: 10.43.0.10/32}\n        - ipBlock: {cidr: 10.42.1.0/24}'));
    const ranges = (r: ReturnType<typeof run>) => r.diagnostics.filter((d) => d.rule.startsWith('ipblock-')).map((d) => `${d.rule} ${d.severity}`);
    assert.deepEqual(ranges(run(['ranges.yaml'])), []);
    assert.deepEqual(ranges(run(['--service-cidr', '10.43.0.0/16', '--pod-cidr=10.42.0.0/16', 'ranges.yaml'])), ['ipblock-service-address warning', 'ipblock-pod-address information']);
    const config = join(dir, 'pods.netpol.yaml');
    writeFileSync(config, 'cluster:\n  podCIDR: 10.42.0.0/16\n  serviceCIDR: 192.168.0.0/16\n');
    assert.deepEqual(ranges(run(['--config', config, '--service-cidr', '10.43.0.0/16', 'ranges.yaml'])), ['ipblock-service-address warning', 'ipblock-pod-address information']);
    const bad = runCli(['--service-cidr', '10.43.0.0', 'ranges.yaml'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--service-cidr takes CIDRs such as 10\.96\.0\.0\/12 \(comma-separated\), got "10\.43\.0\.0"/);
  });

  it('honours suppression comments', () => {
    writeFileSync(join(dir, 'suppressed.yaml'), `# netpol-disable ${METADATA}\n${POLICY}`);
    assert.deepEqual(run(['suppressed.yaml']).rules, []);
  });
});
