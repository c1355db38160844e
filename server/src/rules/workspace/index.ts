// The workspace rules: judged against every file of the workspace index, for namespaces whose workloads it holds.
import namedPortNotDeclared from './named-port-not-declared';
import peerSelectsNothing from './peer-selects-nothing';
import policySelectsNothing from './policy-selects-nothing';
import servicePortBlocked from './service-port-blocked';
import workloadNotIsolated from './workload-not-isolated';

export default [policySelectsNothing, peerSelectsNothing, namedPortNotDeclared, servicePortBlocked, workloadNotIsolated];
