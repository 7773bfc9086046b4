#!/usr/bin/env bash
# Runs Glassbox's tests on a fresh machine: installs the system packages they need, then the
# default (fast, offline, CPU) suite and the heavy suite.
#   ./scripts/test.sh            everything
#   ./scripts/test.sh -pl glassbox-core   extra Maven arguments are passed through
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/install-system-deps.sh
export OPT_OUT_TRACKING=true
mvn -B -ntp verify "$@"
# Heavy suites (tagged "heavy": end-to-end CLI runs, browser tests) run after the fast ones.
mvn -B -ntp -Dglassbox.test.excludedGroups= -Dglassbox.test.groups=heavy -Dsurefire.failIfNoSpecifiedTests=false verify "$@"
# The launcher the README's first command uses.
./scripts/test-launcher.sh
