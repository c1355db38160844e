// The data of the "Show connectivity" view: the report of the engine over a workspace index, cached by the index's version,
// so that the LSP layer only routes requests. One function to point at whichever index the server keeps.
import type { WorkspaceIndex } from '../workspace/index';
import type { FileFacts } from '../workspace/facts';
import { computeConnectivity } from './engine';
import { connectivityReport, type Report } from './report';

export interface ConnectivityView extends Report {
  /** The revision of the files the report was computed from. */
  readonly revision: number;
  /** Milliseconds the engine and the report took. */
  readonly millis: number;
}

/** Every indexed file's facts (kustomization namespaces applied). */
function indexFacts(index: WorkspaceIndex): FileFacts[] {
  const out: FileFacts[] = [];
  for (const uri of index.uris()) {
    const f = index.file(uri);
    if (f) out.push(f);
  }
  return out;
}

/**
 * Keeps the last view per revision of the files (the caller bumps it on every file change, moves of text included, since
 * the view carries the rules' locations).
 */
export class ConnectivityViews {
  private last?: ConnectivityView;

  constructor(private readonly now: () => number = () => 0) {}

  view(index: WorkspaceIndex, revision: number): ConnectivityView {
    if (this.last && this.last.revision === revision) return this.last;
    const start = this.now();
    const report = connectivityReport(computeConnectivity(indexFacts(index)));
    this.last = { ...report, revision, millis: Math.round(this.now() - start) };
    return this.last;
  }
}
