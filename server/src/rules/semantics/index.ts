// Category `semantics`: policies the API server accepts that do not do what they appear to do.
import allowsAllPeers from './allows-all-peers';
import dnsPortWithoutProtocol from './dns-port-without-protocol';
import dnsUdpWithoutTcp from './dns-udp-without-tcp';
import duplicatePolicyName from './duplicate-policy-name';
import egressBlocksDns from './egress-blocks-dns';
import emptyEgressDoesNotIsolate from './empty-egress-does-not-isolate';
import ignoredRules from './ignored-rules';
import implicitIngressIsolation from './implicit-ingress-isolation';
import ipblockPodAddress from './ipblock-pod-address';
import ipblockServiceAddress from './ipblock-service-address';
import namedPortWithIpblock from './named-port-with-ipblock';
import namespaceLabelName from './namespace-label-name';
import peersOrInsteadOfAnd from './peers-or-instead-of-and';
import policyWithoutNamespace from './policy-without-namespace';
import ruleSplitAcrossItems from './rule-split-across-items';

export default [
  ignoredRules,
  implicitIngressIsolation,
  emptyEgressDoesNotIsolate,
  dnsPortWithoutProtocol,
  egressBlocksDns,
  dnsUdpWithoutTcp,
  peersOrInsteadOfAnd,
  ruleSplitAcrossItems,
  namespaceLabelName,
  namedPortWithIpblock,
  ipblockServiceAddress,
  ipblockPodAddress,
  allowsAllPeers,
  duplicatePolicyName,
  policyWithoutNamespace,
];
