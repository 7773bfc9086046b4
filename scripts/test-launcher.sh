#!/usr/bin/env bash
# Checks the ./glassbox launcher's rebuild rule: a source newer than the CLI jar triggers one build,
# and the run after it starts without building again, even when that build changed nothing (a
# source touched by a git checkout and already compiled by hand).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./glassbox --version >/dev/null 2>&1 || { echo "launcher test: ./glassbox --version failed" >&2; exit 1; }
# A source touched and its module rebuilt by hand: the launcher's own build then changes nothing,
# and Maven leaves the CLI jar as it was.
touch glassbox-core/src/main/java/dev/glassbox/concepts/select/Greedy.java
mvn -q -B -DskipTests install -pl glassbox-core >/tmp/glassbox-launcher-test.log 2>&1 \
  || { echo "launcher test: building glassbox-core failed (see /tmp/glassbox-launcher-test.log)" >&2; exit 1; }
first="$(./glassbox --version 2>&1 >/dev/null)"
second="$(./glassbox --version 2>&1 >/dev/null)"
if ! grep -q "building" <<<"$first"; then
  echo "launcher test: a touched source did not trigger a build; stderr was: $first" >&2
  exit 1
fi
if grep -q "building" <<<"$second"; then
  echo "launcher test: ./glassbox built again although nothing changed since the last build" >&2
  exit 1
fi
echo "launcher test: passed (one build after a touched source, none after it)"
