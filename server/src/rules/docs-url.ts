// Where each rule's documentation is published: one anchor per rule id on the repository's generated rules page.
// Diagnostics link there (`codeDescription.href`) for every editor; the VS Code client swaps the link for the copy of
// the page it ships, so that the docs open offline.
export const REPOSITORY_URL = 'https://github.com/netpol/netpol';

export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules.md#${ruleId}`;
}

/** The page on `.netpol.yaml` and the order settings apply in; mistakes in a `.netpol.yaml` link there. */
export function configDocsUrl(): string {
  return `${REPOSITORY_URL}/blob/main/docs/configuration.md`;
}
