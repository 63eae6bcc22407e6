#!/usr/bin/env bash
# Install everything Speechpress needs on a Debian/Ubuntu machine (run as root or with sudo).
#   bash scripts/install.sh          # what the converter needs: CJK fonts + the package
#   bash scripts/install.sh --test   # also the validators the tests run (poppler, Java
#                                    # for EPUBCheck, LibreOffice) and the test extras
set -euo pipefail
cd "$(dirname "$0")/.."
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

pkgs=(fontconfig fonts-noto-cjk fonts-lxgw-wenkai fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei fonts-liberation2)
if [ $want_test = 1 ]; then
  pkgs+=(poppler-utils default-jre-headless libreoffice-writer-nogui)
fi
if command -v apt-get >/dev/null; then
  missing=()
  for p in "${pkgs[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  if [ ${#missing[@]} -gt 0 ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "install.sh: no apt-get here; install these yourself: ${pkgs[*]}" >&2
fi

if [ $want_test = 1 ]; then
  python3 -m pip install -q -e '.[test]'
else
  python3 -m pip install -q -e .
fi
