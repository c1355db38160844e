// Words and suggestions the workspace rules share: how workloads are named in messages, and the existing label sets closest
// to a selector that selects nothing ("did you mean app=frontend (deployment/frontend)?").
import { labelsText, selectorMatches, unmetRequirements, type LabelSelector } from '../../model/selector';
import type { PolicyFact, WorkloadFact } from '../../workspace/facts';
import type { PodClass } from '../../workspace/index';

/** `deployment/frontend`, as kubectl names objects. */
export function workloadName(w: WorkloadFact): string {
  return `${w.kind.toLowerCase()}/${w.name}`;
}

/** `deployment/a, statefulset/b` (at most `max`, then `and 3 more`). */
export function workloadList(workloads: readonly WorkloadFact[], max = 3): string {
  const names = workloads.slice(0, max).map(workloadName);
  return workloads.length > max ? `${names.join(', ')} and ${workloads.length - max} more` : names.join(', ');
}

/** One way to make a selector select a class: the labels to write instead of the ones that fail. */
export interface Suggestion {
  readonly podClass: PodClass;
  /** What to write, e.g. `app=frontend`. */
  readonly text: string;
  /** Set when exactly one matchLabels entry fails and changing its value or key makes the selector select the class. */
  readonly edit?: { readonly key: string; readonly newKey?: string; readonly newValue?: string };
}

/**
 * The classes closest to being selected (at most `max`), each with what to change: those a typo away (a label value or key
 * a few characters off) first, then those failing the fewest requirements, if they meet at least one.
 */
export function closestClasses(selector: LabelSelector, classes: readonly PodClass[], max = 2): Suggestion[] {
  const total = Object.keys(selector.matchLabels).length + selector.matchExpressions.length;
  const scored = classes.flatMap((c) => {
    const unmet = unmetRequirements(selector, c.labels);
    const suggestion = suggestionFor(selector, c);
    const typo = suggestion.edit !== undefined && suggestion.near;
    // A class that fails every requirement, and not by a typo, is no near miss: listing it would be noise.
    if (!typo && unmet >= total) return [];
    return [{ suggestion, rank: (typo ? 0 : 1000) + unmet * 100 + suggestion.distance }];
  });
  return scored
    .sort((a, b) => a.rank - b.rank)
    .slice(0, max)
    .map((s) => s.suggestion);
}

function suggestionFor(selector: LabelSelector, podClass: PodClass): Suggestion & { near: boolean; distance: number } {
  const labels = podClass.labels;
  const failing = Object.keys(selector.matchLabels).filter((k) => labels[k] !== selector.matchLabels[k]);
  const expressionsFail = selector.matchExpressions.some((x) => !selectorMatches({ matchLabels: {}, matchExpressions: [x] }, labels));
  const parts: string[] = [];
  let edit: Suggestion['edit'];
  let near = true;
  let total = 0;
  for (const key of failing) {
    const value = selector.matchLabels[key]!;
    if (Object.prototype.hasOwnProperty.call(labels, key)) {
      parts.push(`${key}=${labels[key]}`);
      edit = { key, newValue: labels[key]! };
      const d = distance(value, labels[key]!);
      total += d;
      if (d > Math.max(2, Math.floor(value.length / 3))) near = false;
    } else {
      // The key itself may be the typo: a label of the class with the same value and a close key.
      const closeKey = Object.keys(labels).find((k) => labels[k] === value && distance(k, key) <= Math.max(2, Math.floor(key.length / 4)));
      if (closeKey !== undefined) {
        parts.push(`${closeKey}=${value}`);
        edit = { key, newKey: closeKey };
        total += distance(key, closeKey);
      } else {
        parts.push(labelsText(labels));
        edit = undefined;
        near = false;
      }
    }
  }
  if (expressionsFail) {
    parts.push(labelsText(labels));
    near = false;
  }
  const single = failing.length === 1 && !expressionsFail ? edit : undefined;
  return { podClass, text: [...new Set(parts)].join(', '), ...(single ? { edit: single } : {}), near: near && failing.length > 0, distance: total };
}

/** Levenshtein distance, for keys that differ by a typo. Two rows over the shorter string, reused: it runs per keystroke for every pod class of the namespace. */
function distance(a: string, b: string): number {
  if (a.length < b.length) [a, b] = [b, a];
  if (b.length === 0) return a.length;
  let prev = new Int32Array(b.length + 1);
  let cur = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** `did you mean app=frontend (deployment/frontend)?`, or '' without suggestions. */
export function didYouMean(suggestions: readonly Suggestion[]): string {
  if (suggestions.length === 0) return '';
  return ` Did you mean ${suggestions.map((s) => `${s.text} (${workloadList(s.podClass.workloads, 2)})`).join(' or ')}?`;
}

/** `a.yaml, b.yaml`: the last path segment of each uri. */
export function fileList(uris: readonly string[], max = 5): string {
  const names = uris.slice(0, max).map((u) => decodeURIComponent(u.slice(Math.max(u.lastIndexOf('/'), u.lastIndexOf('\\')) + 1)));
  return uris.length > max ? `${names.join(', ')} and ${uris.length - max} more` : names.join(', ');
}

/** The policy of a file's facts whose object holds `offset` (the innermost, for Lists). */
export function policyFactAt(policies: readonly PolicyFact[], offset: number): PolicyFact | undefined {
  let best: PolicyFact | undefined;
  for (const p of policies) {
    const s = p.objectLocation?.span;
    if (s && s.start <= offset && offset <= s.end && (!best || s.end - s.start < best.objectLocation!.span.end - best.objectLocation!.span.start)) best = p;
  }
  return best;
}

/** The files holding policies of a namespace, for messages that say what was considered. */
export function policyFiles(policies: readonly PolicyFact[]): string[] {
  return [...new Set(policies.map((p) => p.location.uri))].sort();
}
