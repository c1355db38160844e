// `netpol-lint --format sarif` as GitHub code scanning takes it: valid against the SARIF 2.1.0 JSON Schema (shipped in
// test/cli/sarif/ with its source), no errors from Microsoft's SARIF multitool with its SARIF and GitHub ingestion rules
// (`validate --rule-kind "Sarif;Ghas"`), and the same findings as `--format json`, with 1-based regions, rule help and fixes.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { CLEAN, ERRORS, INFORMATION, runCli, tempRepo, WARNING } from '../support/cli';

/* eslint-disable @typescript-eslint/no-explicit-any -- SARIF is walked as plain JSON here. */
type Json = any;

const FIXTURES = {
  'errors.yaml': ERRORS,
  'deploy/warning.yaml': WARNING,
  'deploy/information.yaml': INFORMATION,
  // A space, a comma and a colon: the URI must encode them (a colon in the first segment would read as a scheme).
  'deploy/odd name, v2:final.yaml': ERRORS.replace('typo', 'odd'),
  'clean.yaml': CLEAN,
  'deploy/egress.yaml': readFileSync(join(import.meta.dirname, '../../examples/egress-to-internet.yaml'), 'utf8'),
};

function lint(dir: string, format: string): { status: number | null; out: string } {
  const r = runCli(['--format', format, '.'], { cwd: dir });
  return { status: r.status, out: r.stdout };
}

function schemaValidator() {
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'sarif/sarif-schema-2.1.0.json'), 'utf8')) as Json;
  // The schema is draft-04; its only draft-04-specific keyword is the top-level `id`.
  schema.$id = schema.id;
  delete schema.id;
  delete schema.$schema;
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///base/') && !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(schema);
}

describe('netpol-lint --format sarif', () => {
  const dir = tempRepo(FIXTURES);
  const sarif = lint(dir, 'sarif');
  const log = JSON.parse(sarif.out) as Json;
  const run = log.runs[0];

  it('is valid against the SARIF 2.1.0 JSON Schema', () => {
    assert.equal(sarif.status, 1);
    const validate = schemaValidator();
    assert.equal(validate(log), true, JSON.stringify(validate.errors, null, 2));
    // The validator does check: a result without a message is rejected.
    const broken = structuredClone(log);
    delete broken.runs[0].results[0].message;
    assert.equal(validate(broken), false);
  });

  it('has zero errors under the SARIF multitool\'s Sarif and Ghas (GitHub ingestion) rules', () => {
    const tool = createRequire(import.meta.url)('@microsoft/sarif-multitool-linux') as string;
    const input = join(dir, 'netpol.sarif');
    const output = join(dir, 'validation.sarif');
    writeFileSync(input, sarif.out);
    const r = spawnSync(tool, ['validate', '--rule-kind', 'Sarif;Ghas', '--output', output, input], { encoding: 'utf8', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    // The multitool exits 0 even when it finds errors: they are in its output log.
    const found = (JSON.parse(readFileSync(output, 'utf8')) as Json).runs[0].results as Json[];
    const errors = found.filter((x) => x.level === 'error');
    assert.deepEqual(
      errors.map((x) => `${x.ruleId}: ${JSON.stringify(x.message.arguments)}`),
      [],
    );
    // It does check: without the `results` array (kube-linter#213) GitHub's rule GH1014 is an error.
    const bad = structuredClone(log);
    delete bad.runs[0].results;
    const badInput = join(dir, 'bad.sarif');
    const badOutput = join(dir, 'bad-validation.sarif');
    writeFileSync(badInput, JSON.stringify(bad));
    spawnSync(tool, ['validate', '--rule-kind', 'Sarif;Ghas', '--output', badOutput, badInput], { encoding: 'utf8' });
    assert.deepEqual(((JSON.parse(readFileSync(badOutput, 'utf8')) as Json).runs[0].results as Json[]).filter((x) => x.level === 'error').map((x) => x.ruleId), ['GH1014']);
  });

  it('has every JSON finding as a result with the same rule, level and 1-based region, relative to %SRCROOT%', () => {
    const json = JSON.parse(lint(dir, 'json').out) as Json[];
    const expected = json.flatMap((f: Json) =>
      f.diagnostics.map((d: Json) => ({
        uri: f.file.split('/').map(encodeURIComponent).join('/'),
        ruleId: d.rule,
        level: { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[d.severity as string],
        region: { startLine: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 },
      })),
    );
    const actual = run.results.map((r: Json) => ({ uri: r.locations[0].physicalLocation.artifactLocation.uri, ruleId: r.ruleId, level: r.level, region: r.locations[0].physicalLocation.region }));
    assert.deepEqual(actual, expected);
    assert.ok(actual.some((r: Json) => r.uri === 'deploy/odd%20name%2C%20v2%3Afinal.yaml'));
    assert.deepEqual(new Set(actual.map((r: Json) => r.level)), new Set(['error', 'warning', 'note']));
    for (const r of run.results) {
      assert.equal(r.locations[0].physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.equal(run.tool.driver.rules[r.ruleIndex].id, r.ruleId);
      assert.equal(r.partialFingerprints.primaryLocationLineHash, undefined, 'GitHub computes it; a made-up one is rejected');
      assert.match(r.partialFingerprints['netpolFindingHash/v1'], /^[0-9a-f]{32}$/);
    }
    assert.equal(run.columnKind, 'utf16CodeUnits');
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `file://${dir}/`);
  });

  it('describes every rule that produced a result, with help text and Markdown from its docs, and no other', () => {
    const driver = run.tool.driver;
    assert.equal(driver.name, 'netpol-lint');
    assert.match(driver.version, /^\d+\.\d+\.\d+/);
    assert.equal(driver.semanticVersion, driver.version);
    assert.match(driver.informationUri, /^https:\/\//);
    const used = new Set(run.results.map((r: Json) => r.ruleId));
    assert.deepEqual(new Set(driver.rules.map((r: Json) => r.id)), used);
    for (const rule of driver.rules) {
      assert.match(rule.name, /^[A-Z][A-Za-z0-9]+$/);
      assert.ok(rule.shortDescription.text.length > 10 && rule.fullDescription.text.length > 20, rule.id);
      assert.ok(rule.help.text.length > 100 && rule.help.markdown.includes('```'), rule.id);
      assert.match(rule.helpUri, new RegExp(`docs/rules\\.md#${rule.id}$`));
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      assert.ok(rule.properties.tags.length > 0 && rule.properties.precision);
    }
    assert.deepEqual(driver.rules.find((r: Json) => r.id === 'egress-blocks-dns').properties.tags, ['semantics']);
    const security = driver.rules.find((r: Json) => r.id === 'egress-reaches-metadata-endpoint');
    assert.deepEqual(security.properties.tags, ['security']);
    assert.match(security.properties['security-severity'], /^\d+\.\d$/);
  });

  it('carries the safe quick fix as a replacement that turns the flagged text into the fixed text', () => {
    const protocol = run.results.find((r: Json) => r.ruleId === 'invalid-protocol' && r.locations[0].physicalLocation.artifactLocation.uri === 'errors.yaml');
    const change = protocol.fixes[0].artifactChanges[0];
    assert.equal(change.artifactLocation.uri, 'errors.yaml');
    const { deletedRegion, insertedContent } = change.replacements[0];
    const line = ERRORS.split('\n')[deletedRegion.startLine - 1]!;
    const fixed = line.slice(0, deletedRegion.startColumn - 1) + insertedContent.text + line.slice(deletedRegion.endColumn - 1);
    assert.equal(fixed, '          protocol: TCP');
    assert.equal(run.results.find((r: Json) => r.ruleId === 'peers-or-instead-of-and').fixes, undefined, 'only safe fixes');
  });

  it('has an empty results array, not none, on a clean run; unreadable files are tool notifications', () => {
    const clean = tempRepo({ 'clean.yaml': CLEAN, 'binary.yaml': Buffer.from([0, 1, 2]) });
    const r = runCli(['--format', 'sarif', '.'], { cwd: clean });
    assert.equal(r.status, 0);
    const cleanRun = (JSON.parse(r.stdout) as Json).runs[0];
    assert.deepEqual(cleanRun.results, []);
    assert.deepEqual(cleanRun.tool.driver.rules, []);
    assert.match(cleanRun.invocations[0].toolExecutionNotifications[0].message.text, /binary\.yaml: binary file/);
    assert.equal(schemaValidator()(JSON.parse(r.stdout)), true);
  });
});
