// `.netpol.yaml` validation below any transport: what each mistake is reported as, where, with which suggestion, and which
// settings survive a mistake next to them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRuleLevel, checkSettingValue, parseConfig } from '../../server/src/config/netpol-config';
import { normaliseSettings } from '../../server/src/lint/settings';

/** Each problem as [text at its span, suggestion, message]. */
function problems(text: string): [string, string | undefined, string][] {
  return parseConfig(text).problems.map((p) => [text.slice(p.span.start, p.span.end), p.suggestion, p.message]);
}

describe('.netpol.yaml validation', () => {
  it('reads a valid file into settings without problems; an unquoted 1.30 is "1.30", not 1.3', () => {
    const r = parseConfig('kubernetesVersion: 1.30\ncloud: AWS\ncni: cilium\nprofile: strict\nenable: true\nrules:\n  policy-without-namespace: off\n  broad-egress: info\n');
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.settings, { kubernetesVersion: '1.30', cloud: 'aws', cni: 'cilium', profile: 'strict', enable: true, rules: { 'policy-without-namespace': 'off', 'broad-egress': 'information' } });
    assert.equal(normaliseSettings(r.settings).kubernetesVersion, '1.30');
  });

  it('reads the cluster ranges, and reports an entry that is not a CIDR or an unknown cluster key', () => {
    const ok = parseConfig('cluster:\n  serviceCIDR: 10.96.0.0/12,fd00:10:96::/112\n  podCIDR: [10.244.0.0/16]\n');
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(normaliseSettings(ok.settings).cluster, { serviceCIDR: ['10.96.0.0/12', 'fd00:10:96::/112'], podCIDR: ['10.244.0.0/16'] });
    const text = 'cluster:\n  serviceCIDR: 10.96.0.0\n  podCidr: 10.244.0.0/16\n';
    assert.deepEqual(
      problems(text).map(([at, s]) => [at, s]),
      [
        ['10.96.0.0', undefined],
        ['podCidr', 'podCIDR'],
      ],
    );
    assert.match(problems(text)[0]![2], /^"cluster\.serviceCIDR": "10\.96\.0\.0" is not a CIDR/);
    assert.deepEqual(parseConfig(text).settings, { cluster: {} });
  });

  it('an empty file, or one with only comments, is no settings and no problems', () => {
    for (const text of ['', '# nothing yet\n', '\n']) assert.deepEqual(parseConfig(text), { settings: {}, problems: [] });
  });

  it('reports an unknown key and an unknown severity with their spans and suggestions, and keeps the valid rest', () => {
    const text = 'profle: strict\ncloud: aws\nrules:\n  allows-all-peers: eror\n  broad-egress: warning\n';
    assert.deepEqual(
      problems(text).map(([at, s]) => [at, s]),
      [
        ['profle', 'profile'],
        ['eror', 'error'],
      ],
    );
    assert.match(problems(text)[0]![2], /^Unknown setting "profle" in \.netpol\.yaml\. Did you mean "profile"\?/);
    assert.match(problems(text)[1]![2], /^Unknown severity "eror" for rule "allows-all-peers"\. Did you mean "error"\?/);
    assert.deepEqual(parseConfig(text).settings, { cloud: 'aws', rules: { 'broad-egress': 'warning' } });
  });

  it('suggests the known cloud for a provider\'s other names, and the closest CNI, rule id and profile', () => {
    const text = 'cloud: amazon\ncni: cillium\nprofile: strikt\nrules:\n  polcy-without-namespace: off\n';
    assert.deepEqual(
      problems(text).map(([at, s]) => [at, s]),
      [
        ['amazon', 'aws'],
        ['cillium', 'cilium'],
        ['strikt', 'strict'],
        ['polcy-without-namespace', 'policy-without-namespace'],
      ],
    );
    assert.match(problems(text)[0]![2], /^Unknown cloud "amazon" in \.netpol\.yaml\. Did you mean "aws"\? Known: any, aws, gcp/);
  });

  it('reports wrong types, versions, a non-mapping file and broken YAML instead of throwing', () => {
    assert.deepEqual(
      problems('kubernetesVersion: v1.35.2\nenable: yes please\nrules: [a]\ncloud: {a: 1}\n').map(([at, s]) => [at, s]),
      [
        ['v1.35.2', '1.35'],
        ['yes please', undefined],
        ['[a]', undefined],
        ['{a: 1}', undefined],
      ],
    );
    assert.match(problems('- cloud: aws\n')[0]![2], /must be a mapping of settings/);
    const broken = problems('cloud: [aws\nrules: {}\n');
    assert.equal(broken.length > 0, true);
    assert.match(broken[0]![2], /is not valid YAML/);
    assert.match(problems('cloud: aws\ncloud: gcp\n')[0]![2], /not valid YAML: Map keys must be unique/);
    assert.match(problems('rules:\n  broad-egress:\n')[0]![2], /severity of rule "broad-egress" must be one of off, hint/);
  });

  it('offers the same checks to CLI flags', () => {
    assert.equal(checkSettingValue('cloud', 'gcp'), undefined);
    assert.equal(checkSettingValue('cloud', 'amazon', '--cloud')?.suggestion, 'aws');
    assert.match(checkSettingValue('cloud', 'amazon', '--cloud')!.message, /^Unknown cloud "amazon" in --cloud\. Did you mean "aws"\?/);
    assert.equal(checkSettingValue('cni', 'calcio')?.suggestion, 'calico');
    assert.equal(checkSettingValue('kubernetesVersion', '1.36'), undefined);
    assert.deepEqual(checkRuleLevel('broad-egress', 'warning'), {});
    const bogus = checkRuleLevel('bogus', 'warn');
    assert.match(bogus.id!.message, /^Unknown rule "bogus"\./);
    assert.equal(bogus.level!.suggestion, 'warning');
  });
});

describe('schemas/netpol-config.schema.json', () => {
  it('is current (npm run docs writes it) and agrees with the validator on accepted and rejected files', async () => {
    const { readFileSync } = await import('node:fs');
    const { CONFIG_SCHEMA, generateConfigSchema } = await import('../../scripts/gen-docs');
    const text = readFileSync(CONFIG_SCHEMA, 'utf8');
    assert.equal(text, generateConfigSchema(), 'schemas/netpol-config.schema.json is stale: run `npm run docs`');
    const { default: Ajv } = await import('ajv');
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(text) as object);
    const { parse } = await import('yaml');
    const cases = [
      'kubernetesVersion: "1.35"\ncloud: aws\ncni: cilium\nprofile: strict\nrules:\n  broad-egress: info\n',
      'enable: false\n',
      'profle: strict\n',
      'cloud: amazon\n',
      'cni: cillium\n',
      'profile: loose\n',
      'rules:\n  bogus-rule: off\n',
      'rules:\n  broad-egress: eror\n',
      'kubernetesVersion: "latest"\n',
    ];
    for (const c of cases) assert.equal(validate(parse(c)), parseConfig(c).problems.length === 0, c);
  });
});
