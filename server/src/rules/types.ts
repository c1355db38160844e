// What a rule is: metadata (id, title, category, default severity, docs) beside its check and, where one exists, its fix.
// Detection, wording and fixing are separate steps: a check yields findings with spans; fixes turn a finding into edits.
import type { NetworkPolicy } from '../model/policy';
import type { ParsedChunk } from '../syntax/parse';
import type { Span } from '../syntax/span';
import type { SchemaProblem } from '../schema/validate';
import type { Settings } from '../lint/settings';
import type { TextEdit } from '../edit/text-edit';
import type { FileFacts } from '../workspace/facts';
import type { FactKind, WorkspaceIndex } from '../workspace/index';

export type Category = 'syntax' | 'schema' | 'api' | 'security' | 'semantics' | 'cni' | 'workspace' | 'meta';
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface RuleMeta {
  /** Kebab-case; the same string is the diagnostic code, the settings key and the suppression name. */
  readonly id: string;
  readonly title: string;
  readonly category: Category;
  readonly severity: Severity;
  /** Only reported under the `strict` profile (and when turned on explicitly). */
  readonly profile?: 'strict';
  /** Markdown: what it catches, why it matters, an example that triggers it and the fixed version, sources. */
  readonly docs: string;
  /**
   * False when suppression comments cannot hide the rule's findings (and no disable comment is offered for them): its
   * findings are about the file or the comments themselves.
   */
  readonly suppressible?: false;
}

export interface Finding {
  readonly span: Span;
  readonly message: string;
  /** Overrides the rule's default severity for this finding (e.g. a version-dependent check that is a warning before 1.36). */
  readonly severity?: Severity;
  /** Shown faded (`Unnecessary`) or struck through (`Deprecated`) by editors. */
  readonly tag?: 'unnecessary' | 'deprecated';
  /** Rule-specific data that the rule's fix reads. */
  readonly data?: Readonly<Record<string, unknown>>;
}

/** What a per-document check sees. Spans in here are relative to the document's chunk. */
export interface DocumentContext {
  readonly text: string;
  readonly parsed: ParsedChunk;
  readonly policies: readonly NetworkPolicy[];
  readonly schemaProblems: ReadonlyMap<NetworkPolicy, readonly SchemaProblem[]>;
  readonly settings: Settings;
}

export interface FileFinding extends Finding {
  readonly documentIndex: number;
}

/**
 * What a file-wide rule's judgment of one policy sees of the file besides the policy: an index of every policy of the file,
 * each filed under the keys its `fileKeys` gave (say a namespace, or a namespace and a selector). Every read is recorded
 * with its answer, so that after an edit a policy is judged again only when one of its reads would answer differently.
 * Ask the narrowest question: `has` is judged again only when a key gains its first policy or loses its last, `count`
 * whenever the number changes.
 */
export interface FileIndexContext {
  readonly settings: Settings;
  /** How many policies of the file are filed under `key`. */
  count(key: string): number;
  /** Whether some policy of the file is filed under `key`. */
  has(key: string): boolean;
  /** Whether the judged policy is the first (in file order) filed under `key`. */
  isFirst(key: string): boolean;
  /** The index of the YAML document of the first policy filed under `key`, if any. */
  firstDocument(key: string): number | undefined;
}

/** An inline suppression comment (`# netpol-disable-next-line a, b` or `# netpol-disable a`) of a document. */
export interface Suppression {
  readonly scope: 'next-line' | 'document';
  /** Empty means every rule. */
  readonly ruleIds: readonly string[];
  /** Span of the comment (relative to the chunk). */
  readonly span: Span;
  /** Spans of each rule id in the comment, for reporting one unused id. */
  readonly idSpans: readonly Span[];
  /** For next-line: the chunk-relative span of the line it applies to. */
  readonly target?: Span;
}

/** What a check of a document's suppression comments sees, once they were applied to its findings. */
export interface SuppressionContext {
  readonly suppressions: readonly Suppression[];
  /** Whether suppression `index` hid a finding of rule `ruleId`; for a comment without rule ids ask with `*`. */
  hid(index: number, ruleId: string): boolean;
  /** Whether netpol has a rule of this id. */
  isRule(ruleId: string): boolean;
  /** Whether the settings turn the rule of this id off. */
  isOff(ruleId: string): boolean;
}

/** What a whole-file check sees: each document's `documentFacts` and where it starts. */
export interface WholeFileContext {
  readonly documentCount: number;
  /** True when some document of the file has YAML syntax errors. */
  readonly syntaxErrors: boolean;
  /** The checking rule's `documentFacts` of document `index`. */
  facts<T>(index: number): T;
  text(index: number): string;
  /** Offset of document `index` in the file. */
  start(index: number): number;
}

/**
 * What a workspace rule sees: one document's facts (namespaces resolved) and the index of every file of the workspace. Spans of
 * its findings are offsets in that file's text. Workspace rules judge only namespaces whose workloads the workspace holds
 * (`index.hasWorkloads`), so a repository of policies alone gets none of their findings.
 */
export interface WorkspaceContext {
  readonly uri: string;
  readonly facts: FileFacts;
  readonly index: WorkspaceIndex;
  readonly settings: Settings;
}

export interface FixContext {
  /** The text of the document (chunk) the finding is in; spans are relative to it. */
  readonly text: string;
  readonly policy?: NetworkPolicy;
  readonly settings: Settings;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Safe fixes are applied by fix-all; fixes that change meaning in a non-obvious way are not. */
  readonly safe: boolean;
  readonly preferred?: boolean;
}

export interface Rule {
  readonly meta: RuleMeta;
  /** Checks one policy. */
  checkPolicy?(policy: NetworkPolicy, ctx: DocumentContext): Iterable<Finding>;
  /** Checks one YAML document, policy or not (syntax-level rules). */
  checkDocument?(ctx: DocumentContext): Iterable<Finding>;
  /**
   * File-wide rules: what the rule knows of one policy, as plain data, computed once per document analysis. With `fileKeys`
   * and `checkInFile` it makes the rule's part of the file's index.
   */
  fileFacts?(policy: NetworkPolicy, settings: Settings): unknown;
  /** The keys of the file's index a policy is filed under, from its `fileFacts`. */
  fileKeys?(facts: unknown): readonly string[];
  /**
   * Judges one policy against the rest of the file, which it reads only through `ctx` (so that its judgment is kept until
   * one of those reads would answer differently); reports spans of that policy only (relative to its document).
   */
  checkInFile?(policy: NetworkPolicy, facts: unknown, ctx: FileIndexContext): Iterable<Finding>;
  /**
   * Checks the file as a whole before any other rule, whether the rule is on or off: when it reports, the file is not
   * something the other rules can check (a Go template), and its finding (if the rule is on) is the file's only one.
   * Reads documents only through `documentFacts`, so that an edit costs no pass over the file's text.
   */
  checkWholeFile?(ctx: WholeFileContext): FileFinding | undefined;
  /** What `checkWholeFile` needs of one document, computed once when the document is analysed. */
  documentFacts?(text: string): unknown;
  /** Checks a document's suppression comments once they were applied (e.g. those that hid nothing). */
  checkSuppressions?(ctx: SuppressionContext): Iterable<Finding>;
  /**
   * Checks one document's facts against the whole workspace (workspace rules); spans are offsets in the file. Called per
   * document, so that an edit re-judges only the documents whose facts, or whose reads (`workspaceReads`), changed.
   */
  checkWorkspace?(ctx: WorkspaceContext): Iterable<Finding>;
  /**
   * What `checkWorkspace` and `reviewInWorkspace` read of the index besides the judged document's facts (its workloads'
   * presence always counts): a document is judged again when facts of these kinds change in its namespaces (in any
   * namespace, for a document with a namespaceSelector peer). Every kind when left out.
   */
  readonly workspaceReads?: readonly FactKind[];
  /** The kinds of a document's facts `checkWorkspace` and `reviewInWorkspace` judge: a document without any is not given to them. Every kind when left out. */
  readonly workspaceJudges?: readonly FactKind[];
  /**
   * A file-wide rule that can judge better with every file of the workspace reviews each of its findings (spans are offsets
   * in the file): returns it unchanged, reworded, or undefined to drop it because another file settles it.
   */
  reviewInWorkspace?(finding: Finding, ctx: WorkspaceContext): Finding | undefined;
  fix?(finding: Finding, ctx: FixContext): Fix[];
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
