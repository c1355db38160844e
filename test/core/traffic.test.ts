// The traffic model's matching, which the rules and the connectivity-test generator share: protocols must match as well
// as ports, a named port never matches an address, and an ipBlock holds an address only outside its excepts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocumentChunk } from '../../server/src/lint/document';
import { parseIp } from '../../server/src/net/ip';
import { ruleAllowsAddress, ruleAllowsPort } from '../../server/src/model/traffic';

function egressRule(body: string) {
  const text = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\nspec:\n  podSelector: {}\n  egress:\n  - ${body.trim().split('\n').join('\n    ')}\n`;
  const policy = parseDocumentChunk(text).policies[0]!;
  return policy.egress!.rules[0]!;
}

const INTERNET = parseIp('1.1.1.1')!;

describe('traffic model', () => {
  it('UDP 443 to 0.0.0.0/0 allows UDP 443, not TCP 443', () => {
    const rule = egressRule('to:\n- ipBlock:\n    cidr: 0.0.0.0/0\nports:\n- protocol: UDP\n  port: 443');
    assert.equal(ruleAllowsAddress(rule, INTERNET, 'UDP', 443), true);
    assert.equal(ruleAllowsAddress(rule, INTERNET, 'TCP', 443), false);
    assert.equal(ruleAllowsAddress(rule, INTERNET, 'SCTP', 443), false);
  });

  it('a port without protocol is TCP only', () => {
    const rule = egressRule('ports:\n- port: 53');
    assert.equal(ruleAllowsPort(rule, 'TCP', 53), 'yes');
    assert.equal(ruleAllowsPort(rule, 'UDP', 53), 'no');
  });

  it('ranges match within their protocol; a named port matches pods only', () => {
    const rule = egressRule('ports:\n- protocol: SCTP\n  port: 5000\n  endPort: 5010\n- port: https');
    assert.equal(ruleAllowsPort(rule, 'SCTP', 5005), 'yes');
    assert.equal(ruleAllowsPort(rule, 'UDP', 5005), 'no');
    assert.equal(ruleAllowsPort(rule, 'TCP', 5005), 'named');
    assert.equal(ruleAllowsPort(rule, 'TCP', 443), 'named');
    assert.equal(ruleAllowsAddress(rule, INTERNET, 'TCP', 443), false);
  });

  it('an except takes addresses out of the ipBlock; a selector peer holds no address', () => {
    const rule = egressRule('to:\n- ipBlock:\n    cidr: 0.0.0.0/0\n    except: [1.1.1.0/24]\n- podSelector: {}');
    assert.equal(ruleAllowsAddress(rule, INTERNET, 'TCP', 443), false);
    assert.equal(ruleAllowsAddress(rule, parseIp('8.8.8.8')!, 'TCP', 443), true);
    assert.equal(ruleAllowsAddress(egressRule('to:\n- podSelector: {}'), INTERNET, 'TCP', 443), false);
    assert.equal(ruleAllowsAddress(egressRule('ports:\n- port: 443'), INTERNET, 'TCP', 443), true);
  });
});
