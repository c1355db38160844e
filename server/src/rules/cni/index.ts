// Category `cni`: what the configured network plugin (`netpol.cni`) does not enforce.
import apiserverEgressByIpblock from './apiserver-egress-by-ipblock';
import cniNoEnforcement from './cni-no-enforcement';
import cniUnsupportedFeature from './cni-unsupported-feature';

export default [cniNoEnforcement, cniUnsupportedFeature, apiserverEgressByIpblock];
