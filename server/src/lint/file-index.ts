// The file-wide rules' index of one file, kept across edits: each policy is filed under the keys its rule's `fileKeys`
// give (a namespace, a selector, a name), and each policy's judgment (`checkInFile`) is kept with the reads it made of the
// index. After an edit only the changed documents' policies are filed again, and only the policies whose reads would now
// answer differently are judged again; every other finding is kept, whatever documents were added or removed before it.
import type { NetworkPolicy } from '../model/policy';
import type { FileIndexContext, Finding, Rule } from '../rules/types';
import type { ActiveRules } from './active-rules';
import { runFileFacts, runFileJudgment, type FileRuleFailure, type RuleFinding } from './checks';
import type { Settings } from './settings';
import type { DocumentAnalysis } from './document';

/** What changed since the previous update: documents `from`…`oldEnd` became `from`…`newEnd`. */
export interface IndexRegion {
  readonly from: number;
  readonly oldEnd: number;
  readonly newEnd: number;
}

/**
 * One document's place in the index. Its `order` is a label that increases with the document's position: new documents
 * get labels between their neighbours', the others keep theirs (unless no label fits, when all are labelled again in
 * order), so that the policies filed under a key stay sorted without document indexes, which shift whenever a document
 * is added or removed before.
 */
interface Slot {
  order: number;
  readonly analysis: DocumentAnalysis;
  /** One entry per policy of the document and file-wide rule, rule by rule (in `ActiveRules.fileRules` order). */
  readonly entries: readonly Entry[];
}

/** One policy as one rule sees it: its keys, its findings and what its judgment read. */
interface Entry {
  readonly slot: Slot;
  readonly index: RuleIndex;
  /** The policy's position among its document's policies (a `List` holds several). */
  readonly j: number;
  readonly policy: NetworkPolicy;
  readonly facts: unknown;
  readonly keys: readonly Key[];
  /** Set when the rule's `fileFacts` threw: the judgment is then that internal error. */
  readonly factsError: FileRuleFailure | undefined;
  findings: readonly Finding[];
  /** Shared and empty until the judgment reads something. */
  reads: Read[];
  alive: boolean;
}

const COUNT = 0;
const HAS = 1;
const IS_FIRST = 2;
const FIRST_DOCUMENT = 3;

interface Read {
  readonly key: Key;
  readonly kind: typeof COUNT | typeof HAS | typeof IS_FIRST | typeof FIRST_DOCUMENT;
  readonly answer: number | boolean | undefined;
}

/** The policies filed under one key (in document order) and the entries that read it (count, has, first document). */
interface Key {
  readonly name: string;
  /** The map of its rule's keys, which drops it once nothing is filed under it or reads it. */
  readonly home: Map<string, Key>;
  readonly members: Entry[];
  /** Made when the first judgment reads it (most keys are only filed under). */
  readers: Set<Entry> | undefined;
  /** Its state before the current update's first change, while that update runs. */
  before?: { readonly count: number; readonly first: Entry | undefined };
}

/** One rule's part of the index. */
interface RuleIndex {
  readonly rule: Rule;
  readonly keys: Map<string, Key>;
  /** Entries that read a first document (their answers move when documents are added or removed before it). */
  readonly positionReaders: Set<Entry>;
}

export interface IndexFailure {
  readonly ruleId: string;
  readonly documentIndex: number;
  readonly offset: number;
  readonly error: string;
}

export class FileRuleIndex {
  private slots: Slot[] = [];
  private readonly indexes: RuleIndex[];
  /** Judgments that threw since the last `takeFailures`. */
  private failures: IndexFailure[] = [];
  /** The entries to judge in the current update. */
  private dirty = new Set<Entry>();
  private touched: Key[] = [];
  /** Slots whose findings changed in the current update. */
  private changed = new Set<Slot>();
  private readonly ctx: RecordingContext;

  constructor(private readonly rules: ActiveRules) {
    this.indexes = rules.fileRules.map((rule) => ({ rule, keys: new Map(), positionReaders: new Set() }));
    this.ctx = new RecordingContext(rules, (index, name) => this.key(index, name), (slot) => this.indexOf(slot));
  }

  takeFailures(): IndexFailure[] {
    const taken = this.failures;
    if (taken.length > 0) this.failures = [];
    return taken;
  }

  /**
   * Brings the index from the previous update's documents to `analyses` (all of them when `region` is undefined, the
   * first update) and returns the indexes of the documents whose file-wide findings changed (for the first: those with any).
   */
  update(analyses: readonly DocumentAnalysis[], region: IndexRegion | undefined): number[] {
    const { from, oldEnd, newEnd } = region ?? { from: 0, oldEnd: this.slots.length, newEnd: analyses.length };
    for (let i = from; i < oldEnd; i++) for (const e of this.slots[i]!.entries) this.remove(e);
    const added: Slot[] = [];
    for (let i = from; i < newEnd; i++) added.push({ order: 0, analysis: analyses[i]!, entries: analyses[i]!.policies.length === 0 ? NO_ENTRIES : [] });
    const lo = from > 0 ? this.slots[from - 1]!.order : undefined;
    const hi = oldEnd < this.slots.length ? this.slots[oldEnd]!.order : undefined;
    this.slots = from === 0 && oldEnd === this.slots.length ? added : this.slots.slice(0, from).concat(added, this.slots.slice(oldEnd));
    if (!label(added, lo, hi)) for (let i = 0; i < this.slots.length; i++) this.slots[i]!.order = i;
    for (const slot of added) {
      const policies = slot.analysis.policies;
      if (policies.length === 0) continue;
      for (let r = 0; r < this.indexes.length; r++) {
        const index = this.indexes[r]!;
        for (let j = 0; j < policies.length; j++) {
          // Computed for each new entry rather than kept per analysis: cheap, and memory stays with the entries.
          const { facts, keys, error } = runFileFacts(index.rule, policies[j]!, this.rules.settings);
          const e: Entry = { slot, index, j, policy: policies[j]!, facts, keys: keys.length === 0 ? NO_KEYS : keys.map((k) => this.key(index, k)), factsError: error, findings: NO_FINDINGS, reads: NO_READS, alive: true };
          (slot.entries as Entry[]).push(e);
          for (const key of e.keys) {
            this.touch(key);
            insertSorted(key.members, e);
          }
          this.dirty.add(e);
        }
      }
    }
    this.invalidate(newEnd - oldEnd !== 0);
    this.judgeDirty();
    const out: number[] = [];
    for (const slot of this.changed) {
      const i = this.indexOf(slot);
      if (i !== -1) out.push(i);
    }
    this.changed.clear();
    return out;
  }

  /** The file-wide findings of document `index` (spans relative to it), rule by rule in registry order. */
  findingsOf(index: number): RuleFinding[] {
    const slot = this.slots[index];
    const out: RuleFinding[] = [];
    if (!slot) return out;
    // The entries are in rule order already.
    for (const e of slot.entries) for (const f of e.findings) out.push({ ...f, ruleId: e.index.rule.meta.id });
    return out;
  }

  private key(index: RuleIndex, name: string): Key {
    let key = index.keys.get(name);
    if (!key) index.keys.set(name, (key = { name, home: index.keys, members: [], readers: undefined }));
    return key;
  }

  private touch(key: Key): void {
    if (key.before) return;
    key.before = { count: key.members.length, first: key.members[0] };
    this.touched.push(key);
  }

  private remove(e: Entry): void {
    e.alive = false;
    for (const key of e.keys) {
      this.touch(key);
      const at = key.members.indexOf(e);
      if (at !== -1) key.members.splice(at, 1);
    }
    this.forgetReads(e);
    this.dirty.delete(e);
  }

  private forgetReads(e: Entry): void {
    for (const read of e.reads) {
      read.key.readers?.delete(e);
      dropIfUnused(read.key);
    }
    if (e.reads.length > 0) e.index.positionReaders.delete(e);
    e.reads = NO_READS;
  }

  /** Marks for judgment every live entry whose reads of a key that changed (or of a document that moved) now differ. */
  private invalidate(moved: boolean): void {
    for (const key of this.touched) {
      const before = key.before!;
      key.before = undefined;
      const first = key.members[0];
      if (before.count !== key.members.length || before.first !== first) {
        if (key.readers) for (const reader of key.readers) if (this.stale(reader, key)) this.dirty.add(reader);
        // Only the old and the new first policy can answer `isFirst` differently.
        for (const e of [before.first, first]) if (e && e.alive && e.reads.some((r) => r.key === key && r.kind === IS_FIRST)) this.dirty.add(e);
      }
      dropIfUnused(key);
    }
    this.touched = [];
    if (!moved) return;
    for (const index of this.indexes) for (const reader of index.positionReaders) if (reader.reads.some((r) => r.kind === FIRST_DOCUMENT && this.answer(r.key, r.kind, reader) !== r.answer)) this.dirty.add(reader);
  }

  private stale(reader: Entry, key: Key): boolean {
    for (const r of reader.reads) if (r.key === key && r.kind !== IS_FIRST && this.answer(key, r.kind, reader) !== r.answer) return true;
    return false;
  }

  private answer(key: Key, kind: Read['kind'], reader: Entry): number | boolean | undefined {
    if (kind === COUNT) return key.members.length;
    if (kind === HAS) return key.members.length > 0;
    if (kind === IS_FIRST) return key.members[0] === reader;
    const first = key.members[0];
    return first ? this.indexOf(first.slot) : undefined;
  }

  private judgeDirty(): void {
    for (const e of this.dirty) {
      if (!e.alive) continue;
      this.forgetReads(e);
      const before = e.findings;
      const judged = this.judge(e);
      e.findings = judged;
      for (const read of e.reads) {
        if (read.kind !== IS_FIRST) (read.key.readers ??= new Set()).add(e);
        if (read.kind === FIRST_DOCUMENT) e.index.positionReaders.add(e);
      }
      if (!sameFindings(before, judged)) this.changed.add(e.slot);
      // An entry filed under no key that read nothing and found nothing can never change: it is not kept (with
      // cni-no-enforcement off, say, every policy's entry is such).
      if (e.keys.length === 0 && e.reads.length === 0 && judged.length === 0) {
        e.alive = false;
        const entries = e.slot.entries as Entry[];
        entries.splice(entries.indexOf(e), 1);
      }
    }
    this.dirty.clear();
  }

  private judge(e: Entry): readonly Finding[] {
    const { rule } = e.index;
    const result = e.factsError !== undefined ? e.factsError : this.ctx.record(e, (ctx) => runFileJudgment(rule, e.policy, e.facts, ctx));
    if (Array.isArray(result)) return result.length === 0 ? NO_FINDINGS : result;
    const failure = result as FileRuleFailure;
    const offset = e.policy.node.span.start;
    this.failures.push({ ruleId: rule.meta.id, documentIndex: this.indexOf(e.slot), offset, error: failure.error });
    return [{ span: { start: offset, end: offset }, message: `netpol internal error in rule ${rule.meta.id}: ${failure.message}`, severity: 'error' }];
  }

  /** A slot's document index (by its order label), or -1 when it is no longer in the file. */
  private indexOf(slot: Slot): number {
    const slots = this.slots;
    let lo = 0;
    let hi = slots.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = slots[mid]!;
      if (s === slot) return mid;
      if (s.order < slot.order) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

/** What a judgment reads, recorded on the entry being judged. */
class RecordingContext implements FileIndexContext {
  private entry: Entry | undefined;
  readonly settings: Settings;

  constructor(
    rules: ActiveRules,
    private readonly keyOf: (index: RuleIndex, name: string) => Key,
    private readonly documentOf: (slot: Slot) => number,
  ) {
    this.settings = rules.settings;
  }

  record<T>(e: Entry, run: (ctx: FileIndexContext) => T): T {
    this.entry = e;
    try {
      return run(this);
    } finally {
      this.entry = undefined;
    }
  }

  private read(name: string, kind: Read['kind']): Key {
    const e = this.entry!;
    const key = this.keyOf(e.index, name);
    const members = key.members;
    const answer = kind === COUNT ? members.length : kind === HAS ? members.length > 0 : kind === IS_FIRST ? members[0] === e : members[0] ? this.documentOf(members[0].slot) : undefined;
    if (e.reads === NO_READS) e.reads = [];
    e.reads.push({ key, kind, answer });
    return key;
  }

  count(key: string): number {
    return this.read(key, COUNT).members.length;
  }

  has(key: string): boolean {
    return this.read(key, HAS).members.length > 0;
  }

  isFirst(key: string): boolean {
    return this.read(key, IS_FIRST).members[0] === this.entry;
  }

  firstDocument(key: string): number | undefined {
    const first = this.read(key, FIRST_DOCUMENT).members[0];
    return first ? this.documentOf(first.slot) : undefined;
  }
}

/** Forgets a key once no policy is filed under it and no judgment reads it (not while an update is comparing it). */
function dropIfUnused(key: Key): void {
  if (key.members.length === 0 && !key.readers?.size && !key.before) key.home.delete(key.name);
}

const NO_FINDINGS: readonly Finding[] = [];
const NO_ENTRIES: readonly Entry[] = [];
const NO_KEYS: readonly Key[] = [];
/** Never written to: an entry gets its own list on its first read. */
const NO_READS: Read[] = [];

/** Labels new slots between their neighbours' labels; false when they do not fit (then every slot is labelled again). */
function label(added: readonly Slot[], lo: number | undefined, hi: number | undefined): boolean {
  const k = added.length;
  if (k === 0) return true;
  if (lo === undefined && hi === undefined) {
    for (let j = 0; j < k; j++) added[j]!.order = j;
    return true;
  }
  const low = lo ?? hi! - k - 1;
  const high = hi ?? lo! + k + 1;
  const step = (high - low) / (k + 1);
  let previous = low;
  for (let j = 0; j < k; j++) {
    const order = low + step * (j + 1);
    if (!(order > previous) || !(order < high)) return false;
    added[j]!.order = order;
    previous = order;
  }
  return true;
}

/** Inserts an entry among a key's members in document order (order label, then position in the document). */
function insertSorted(members: Entry[], e: Entry): void {
  let lo = 0;
  let hi = members.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const m = members[mid]!;
    if (m.slot.order < e.slot.order || (m.slot === e.slot && m.j < e.j)) lo = mid + 1;
    else hi = mid;
  }
  members.splice(lo, 0, e);
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
