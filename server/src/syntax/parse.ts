// Parses one YAML document chunk into a span tree plus its problems. Never throws: a broken chunk gives a partial tree.
import { parseDocument } from 'yaml';
import { parseFast } from './fast-parse';
import type { Span } from './span';
import { toTree, type YNode } from './tree';

export interface SyntaxProblem {
  readonly code: string;
  readonly message: string;
  readonly span: Span;
}

export interface ParsedChunk {
  readonly root: YNode | null;
  /** Real syntax errors, at most one per document: after the first error the parser's later errors are mostly echoes of it. */
  readonly syntaxErrors: readonly SyntaxProblem[];
  /** Keys given twice in one mapping: valid YAML for Kubernetes' decoder, which silently keeps the last one. */
  readonly duplicateKeys: readonly SyntaxProblem[];
  /** Set when expanding the document's aliases would visit more nodes than any real manifest has. */
  readonly aliasExpansionTooLarge: boolean;
}

/** Above this many nodes after alias expansion, a document is treated as an alias bomb and not analysed. */
export const MAX_EXPANDED_NODES = 100_000;

export function parseChunk(text: string, base: number): ParsedChunk {
  // Most manifests are plain block YAML, which the fast path turns into the same tree several times faster; it declines
  // everything else (and every document with an error), which `yaml` then parses and reports on.
  const fast = parseFast(text, base);
  if (fast !== undefined) return { root: fast, syntaxErrors: [], duplicateKeys: [], aliasExpansionTooLarge: false };
  let doc;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, strict: true });
  } catch (error) {
    return {
      root: null,
      syntaxErrors: [{ code: 'PARSER_FAILURE', message: `The YAML parser failed: ${String(error)}`, span: { start: base, end: base + Math.min(text.length, 1) } }],
      duplicateKeys: [],
      aliasExpansionTooLarge: false,
    };
  }
  const duplicateKeys: SyntaxProblem[] = [];
  let firstError: SyntaxProblem | undefined;
  for (const error of doc.errors) {
    const span = clampToContent(text, error.pos[0], Math.max(error.pos[1], error.pos[0]), base);
    if (error.code === 'DUPLICATE_KEY') {
      duplicateKeys.push({ code: error.code, message: error.message, span });
    } else if (!firstError) {
      firstError = { code: error.code, message: cleanMessage(error.message), span };
    }
  }
  const { root, expandedSize } = toTree(doc, base);
  return {
    root,
    syntaxErrors: firstError ? [firstError] : [],
    duplicateKeys: duplicateKeys.map((d) => ({ ...d, span: keySpanAt(root, d.span.start) ?? d.span })),
    aliasExpansionTooLarge: expandedSize > MAX_EXPANDED_NODES,
  };
}

/** The whole key whose first character is at `offset` (the parser reports only that character). */
function keySpanAt(root: YNode | null, offset: number): Span | undefined {
  const stack: YNode[] = root ? [root] : [];
  const seen = new Set<YNode>();
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.kind === 'map') {
      for (const e of node.entries) {
        if (e.keySpan.start === offset) return e.keySpan;
        stack.push(e.value);
      }
    } else if (node.kind === 'seq') {
      stack.push(...node.items);
    }
  }
  return undefined;
}

/** Errors reported at the very end of a chunk (an unclosed bracket) point at its last character, not at the next document. */
function clampToContent(text: string, start: number, end: number, base: number): Span {
  const contentEnd = text.trimEnd().length;
  // An error at a line's indentation is about the token after it.
  while (start < contentEnd && text[start] === ' ' && end <= start + 1) {
    start++;
    end = start + 1;
  }
  if (start < contentEnd) return { start: base + start, end: base + Math.min(Math.max(end, start + 1), contentEnd) };
  const last = Math.max(0, contentEnd - 1);
  return { start: base + last, end: base + last + (contentEnd > 0 ? 1 : 0) };
}

function cleanMessage(message: string): string {
  const firstLine = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '').trim();
  return firstLine.endsWith('.') ? firstLine : `${firstLine}.`;
}
