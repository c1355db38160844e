// Rules about the YAML text itself.
import aliasExpansionLimit from './alias-expansion-limit';
import duplicateKey from './duplicate-key';
import yamlSyntax from './yaml-syntax';

export default [yamlSyntax, duplicateKey, aliasExpansionLimit];
