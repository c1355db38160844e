// The name, label and port-name validators of the api rules against the good and bad values of Kubernetes' own test tables
// (apimachinery util/validation validation_test.go), and the CIDR facts the strict-CIDR rule relies on (ip.go's test table).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCidr, parseCidr } from '../../server/src/net/ip';
import { isDns1123Label, isDns1123Subdomain, isLabelKey, isLabelValue, isValidPortName } from '../../server/src/rules/api/k8s-names';

const ok = (errors: string[], value: string) => assert.deepEqual(errors, [], `expected ${JSON.stringify(value)} to be valid`);
const bad = (errors: string[], value: string) => assert.notDeepEqual(errors, [], `expected ${JSON.stringify(value)} to be invalid`);

describe('Kubernetes name formats', () => {
  it('label keys (IsQualifiedName)', () => {
    for (const v of ['simple', 'now-with-dashes', '1-starts-with-num', '1234', 'simple/simple', 'now-with-dashes/simple', 'now.with.dots/simple', '1-num.2-num/3-num', '1234/5678', '1.2.3.4/5678', 'Uppercase_Is_OK_123', 'example.com/Uppercase_Is_OK_123', 'requests.storage-foo', 'a'.repeat(63), `${'a'.repeat(253)}/${'b'.repeat(63)}`]) ok(isLabelKey(v), v);
    for (const v of ['nospecialchars%^=@', 'cantendwithadash-', '-cantstartwithadash-', 'only/one/slash', 'Example.com/abc', 'example_com/abc', 'example.com/', '/simple', 'a'.repeat(64), `${'a'.repeat(254)}/abc`, '']) bad(isLabelKey(v), v);
  });

  it('label values (IsValidLabelValue)', () => {
    for (const v of ['simple', 'now-with-dashes', '1-starts-with-num', 'end-with-num-1', '1234', 'a'.repeat(63), '', 'Uppercase_Is_OK_123', 'a.b_c-d']) ok(isLabelValue(v), v);
    for (const v of ['nospecialchars%^=@', 'Tama-nui-te-rā.is.Māori.sun', '\\backslashes\\are\\bad', '-starts-with-dash', 'ends-with-dash-', '.starts.with.dot', 'ends.with.dot.', 'a'.repeat(64), 'a b']) bad(isLabelValue(v), v);
  });

  it('port names (IsValidPortName)', () => {
    for (const v of ['telnet', 're-mail-ck', 'pop3', 'a', 'a-1', '1-a', 'a-1-b-2-c', '1-a-2-b-3']) ok(isValidPortName(v), v);
    for (const v of ['longerthan15characters', '', 'a'.repeat(16), '12345', '1-2-3-4', '-begin', 'end-', 'two--hyphens', 'whois++', 'HTTP']) bad(isValidPortName(v), v);
  });

  it('DNS-1123 subdomains and labels', () => {
    for (const v of ['a', 'ab', 'abc', 'a1', 'a-1', 'a--1--2--b', '0', '01', '1.a', 'a.b.c', 'a'.repeat(253)]) ok(isDns1123Subdomain(v), v);
    for (const v of ['', 'A', 'ABC', 'a.', '.a', 'a..b', 'a-', '-a', 'a_b', 'a@b', 'a'.repeat(254)]) bad(isDns1123Subdomain(v), v);
    for (const v of ['a', 'ab', 'a-1', '0', 'a'.repeat(63)]) ok(isDns1123Label(v), v);
    for (const v of ['', 'A', 'a.b', 'a_', '-a', 'a'.repeat(64)]) bad(isDns1123Label(v), v);
    assert.deepEqual(isDns1123Label('a.b'), ['must not contain dots']);
  });

  it('words RegexError as apimachinery does (double space before "or")', () => {
    assert.match(isDns1123Label('A')[0]!, /\(e\.g\. 'my-name',  or '123-abc', regex used for validation is '\[a-z0-9\]\(\[-a-z0-9\]\*\[a-z0-9\]\)\?'\)$/);
  });
});

describe('CIDR facts for strict validation', () => {
  const cases: [string, { leadingZeros?: boolean; mapped?: boolean; hostBitsSet?: boolean; canonical: string }][] = [
    ['1.1.01.0/24', { leadingZeros: true, canonical: '1.1.1.0/24' }],
    ['192.168.0.0/016', { leadingZeros: true, canonical: '192.168.0.0/16' }],
    ['0010.0.0.0/8', { leadingZeros: true, canonical: '10.0.0.0/8' }],
    ['::ffff:1.1.1.0/120', { mapped: true, canonical: '1.1.1.0/24' }],
    ['::ffff:1.1.1.0/24', { mapped: true, hostBitsSet: true, canonical: '::/24' }],
    ['1.2.3.4/24', { hostBitsSet: true, canonical: '1.2.3.0/24' }],
    ['2001:db8::1/64', { hostBitsSet: true, canonical: '2001:db8::/64' }],
    ['2001:DB8::/64', { canonical: '2001:db8::/64' }],
  ];
  for (const [text, expected] of cases) {
    it(text, () => {
      const c = parseCidr(text);
      assert.ok(c, `${text} must parse sloppily`);
      assert.equal(c.leadingZeros, expected.leadingZeros ?? false, 'leadingZeros');
      assert.equal(c.mapped, expected.mapped ?? false, 'mapped');
      assert.equal(c.hostBitsSet, expected.hostBitsSet ?? false, 'hostBitsSet');
      assert.equal(formatCidr(c), expected.canonical);
    });
  }

  it('rejects what the sloppy parser rejects', () => {
    for (const v of ['', 'aaaaaaa', '1.2.3.4', '10.0.0.0/33', '2001:db8::/129', 'fe80::1%eth0/64', '1.2.3.256/24', '10.0.0.0/8/8', ' 10.0.0.0/8']) assert.equal(parseCidr(v), undefined, v);
  });
});
