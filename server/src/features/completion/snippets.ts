// The policy snippets. Their bodies live once, in snippets/networkpolicy.json: VS Code reads that file through package.json
// `contributes.snippets`, and the server's completion bundles the same file (esbuild inlines the JSON import).
import snippetsJson from '../../../../snippets/networkpolicy.json';

export interface PolicySnippet {
  /** The snippet's name in VS Code's snippet picker. */
  readonly name: string;
  readonly prefix: string;
  readonly description: string;
  /** The body in VS Code / LSP snippet syntax. */
  readonly body: string;
}

interface SnippetJson {
  readonly prefix: string | readonly string[];
  readonly description: string;
  readonly body: string | readonly string[];
}

export const POLICY_SNIPPETS: readonly PolicySnippet[] = Object.entries(snippetsJson as Record<string, SnippetJson>).map(([name, s]) => ({
  name,
  prefix: typeof s.prefix === 'string' ? s.prefix : (s.prefix[0] ?? name),
  description: s.description,
  body: typeof s.body === 'string' ? s.body : s.body.join('\n'),
}));

/** The text a snippet inserts when every placeholder keeps its default: `${1:x}` → x, `${1|a,b|}` → a, `$1` → nothing. */
export function expandSnippet(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; ) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length && '$}\\'.includes(body[i + 1]!)) {
      out += body[i + 1];
      i += 2;
    } else if (c === '$') {
      const tab = /^\$(\d+)|^\$\{(\d+)\}|^\$\{(\d+)\|([^|]*)\|\}/.exec(body.slice(i));
      if (tab) {
        if (tab[4] !== undefined) out += tab[4].split(',')[0] ?? '';
        i += tab[0].length;
      } else if (body.startsWith('${', i)) {
        // `${n:default}`: keep the default, which may itself hold placeholders, and drop the closing brace.
        const colon = body.indexOf(':', i);
        const close = matchingBrace(body, i + 1);
        // A variable without a default (`${TM_FILENAME}`) expands to nothing here.
        if (colon !== -1 && colon < close) out += expandSnippet(body.slice(colon + 1, close));
        i = close + 1;
      } else {
        out += c;
        i++;
      }
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return text.length;
}
