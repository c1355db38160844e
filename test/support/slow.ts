// The mark of a slow sweep (corpus-wide convergence, the CLI fix run, fast-parse mutations, the fuzzer): `npm test` runs
// every test; `npm run test:quick` (NETPOL_QUICK=1) reports these as skipped, saying so, for a fast inner loop.
export const SLOW = process.env.NETPOL_QUICK === '1' ? { skip: 'a slow sweep: `npm test` runs it (`npm run test:quick` skips it)' } : {};
