// A numeric port outside 1–65535 (0 included).
import { defineRule } from '../types';
import { integerOf, portsOf } from './walk';

export default defineRule({
  meta: {
    id: 'invalid-port',
    title: 'Port number out of range',
    category: 'api',
    severity: 'error',
    docs: `A numeric \`port\` must be between 1 and 65535. \`port: 0\` does not mean "any port": the API server rejects it with
\`Invalid value: 0: must be between 1 and 65535, inclusive\`. To allow every port, leave \`port\` out (and keep \`protocol\`),
or leave \`ports\` out of the rule altogether.

\`\`\`yaml
ports:
  - protocol: TCP
    port: 0
\`\`\`

Fixed (every TCP port):

\`\`\`yaml
ports:
  - protocol: TCP
\`\`\`

Source: \`ValidateNetworkPolicyPort\` and \`IsValidPortNum\` in kubernetes/kubernetes (\`pkg/apis/networking/validation/validation.go\`,
\`staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go\`).`,
  },
  *checkPolicy(policy) {
    for (const { item: port, path } of portsOf(policy)) {
      const value = integerOf(port.port?.value);
      if (value === undefined || (value >= 1 && value <= 65535)) continue;
      const hint = value === 0 ? ' To match every port, leave `port` out.' : ' Ports are 16-bit numbers.';
      yield { span: port.port!.value.span, message: `${path}.port: Invalid value: ${value}: must be between 1 and 65535, inclusive.${hint}`, data: { value } };
    }
  },
});
