// Long computations are generators that yield between steps, so that the LSP server can run them in slices with other
// work between (the analysis of a large file, the connectivity view); every other caller runs them to the end at once.

/** A computation in steps (a generator that yields between them), run to its end at once. */
export function runSteps<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}
