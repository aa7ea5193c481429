#!/usr/bin/env bash
# The system programs `make test` drives (browser test, scale-out test, rasa shell in tmux, the widget's npm ci):
# installs the missing ones with apt-get when running as root on Debian/Ubuntu, otherwise prints one line with
# the exact command and fails. Called by the Makefile's `system-deps` target before anything else of `make test`.
set -euo pipefail

# has PACKAGE COMMAND [FALLBACK_GLOB]: true when COMMAND is on PATH or FALLBACK_GLOB matches a file.
missing=()
has() {
  local package=$1 command=$2 glob=${3:-}
  if command -v "$command" >/dev/null 2>&1; then return 0; fi
  if [ -n "$glob" ] && compgen -G "$glob" >/dev/null; then return 0; fi
  missing+=("$package")
}
has curl curl
has tmux tmux
has chromium chromium /usr/bin/chromium
has redis-server redis-server
has nginx nginx /usr/sbin/nginx
has postgresql initdb "/usr/lib/postgresql/*/bin/initdb"
has nodejs node
has npm npm

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "careerbot: installing system packages the tests need: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=300 update -qq
  apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
  exit 0
fi
echo "careerbot: missing system packages for the tests; install them with: sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
exit 1
