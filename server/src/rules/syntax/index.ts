// Rules about the YAML text itself.
import aliasExpansionLimit from './alias-expansion-limit';
import duplicateKey from './duplicate-key';
import yaml11Scalar from './yaml-1-1-scalar';
import yamlSyntax from './yaml-syntax';

export default [yamlSyntax, duplicateKey, aliasExpansionLimit, yaml11Scalar];
