// Category `api`: what the Kubernetes API server rejects (pkg/apis/networking/validation/validation.go and the validators it calls).
import duplicatePolicyType from './duplicate-policy-type';
import endPortUnsupportedVersion from './end-port-unsupported-version';
import exceptNotInCidr from './except-not-in-cidr';
import invalidAnnotation from './invalid-annotation';
import invalidCidr from './invalid-cidr';
import invalidEndPort from './invalid-end-port';
import invalidLabelKey from './invalid-label-key';
import invalidLabelValue from './invalid-label-value';
import invalidNamespaceName from './invalid-namespace-name';
import invalidPolicyName from './invalid-policy-name';
import invalidPolicyTypes from './invalid-policy-types';
import invalidPort from './invalid-port';
import invalidPortName from './invalid-port-name';
import invalidProtocol from './invalid-protocol';
import invalidSelectorOperator from './invalid-selector-operator';
import invalidSelectorValues from './invalid-selector-values';
import ipblockWithSelector from './ipblock-with-selector';
import nonCanonicalCidr from './non-canonical-cidr';
import peerWithoutSelector from './peer-without-selector';
import removedApiVersion from './removed-api-version';

export default [
  removedApiVersion,
  invalidPolicyName,
  invalidNamespaceName,
  invalidLabelKey,
  invalidLabelValue,
  invalidAnnotation,
  invalidSelectorOperator,
  invalidSelectorValues,
  peerWithoutSelector,
  ipblockWithSelector,
  invalidCidr,
  exceptNotInCidr,
  nonCanonicalCidr,
  invalidProtocol,
  invalidPort,
  invalidPortName,
  invalidEndPort,
  endPortUnsupportedVersion,
  invalidPolicyTypes,
  duplicatePolicyType,
];
