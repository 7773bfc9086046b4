#!/usr/bin/env bash
# Installs the Debian packages Glassbox's tests and fast paths need, when missing:
#   libopenblas0     OpenBLAS, which netlib's BLAS finds through libblas.so.3 (otherwise a slower Java fallback)
#   chromium, chromium-driver   headless browser and its WebDriver for the server's browser tests (heavy)
#   maven            only when no `mvn` is on the PATH (the tests run through Maven)
# Needs root (or sudo) only when something is missing.
set -euo pipefail
pkgs=(libopenblas0 chromium chromium-driver)
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
command -v mvn >/dev/null || missing+=(maven)
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >&2
fi
