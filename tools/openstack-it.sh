#!/usr/bin/env bash
# openstack-it.sh - magnum4j's OpenStack tier: a real Keystone and Heat (Debian's packages, on 127.0.0.1), then the
# openstack-it module's tests against them (`mvn -B -Popenstack -pl openstack-it -am verify`), then the services are
# stopped again. .ci/run calls it after the unit tests; run it by hand the same way, from anywhere:
#
#   tools/openstack-it.sh                         # the whole tier
#   tools/openstack-it.sh -Dit.test=BayLifecycleIT  # extra arguments go to Maven
#
# What it does:
#   1. If Keystone and Heat already run here (somebody's openstack-up.sh), it uses them and leaves them running.
#      Otherwise it starts them with tools/openstack-up.sh (installing the packages with apt-get the first time:
#      ~100 s; then ~30 s to start) and always stops them at the end with tools/openstack-down.sh, whatever happens,
#      so nothing it started is left running.
#   2. It runs the tier with the credentials of $OS_CI_STATE/admin-openrc in the environment.
#   3. It prints how long each part took.
#
# Needs root or passwordless sudo. The tier is SKIPPED, loudly, with exit status 0, only when the services cannot run
# on this machine at all: no root, or the packages are missing and there is no apt-get to install them. A service
# that fails to start, or a failing test, fails the tier (non-zero exit status).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
S=${OS_CI_STATE:-/var/lib/openstack-ci}
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH

log() { echo "[openstack-it $(date +%H:%M:%S)] $*"; }
now() { date +%s; }
banner() {
  echo
  echo "#####################################################################################################"
  echo "#  $*"
  echo "#####################################################################################################"
  echo
}
skip() {
  banner "OPENSTACK TIER SKIPPED: $*"
  echo "openstack-it SKIPPED: $*" >&2
  exit 0
}
alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

T0=$(now)
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO=(sudo -n env "OS_CI_STATE=$S")
  else
    skip "Keystone and Heat need root to be installed and started, and this user has neither root nor passwordless sudo"
  fi
fi

STARTED=0
UP_SECONDS=0
DOWN_SECONDS=0
stop_services() {
  if [ "$STARTED" = 1 ]; then
    local t
    t=$(now)
    log "stopping the services this run started"
    "${SUDO[@]}" "$ROOT/tools/openstack-down.sh" || log "openstack-down.sh reported a problem (see above)"
    DOWN_SECONDS=$(( $(now) - t ))
    STARTED=0
  fi
}
trap stop_services EXIT
trap 'exit 130' INT TERM

if alive "$S/run/keystone.pid" && alive "$S/run/heat-engine.pid" && alive "$S/run/heat-api.pid"; then
  log "Keystone and Heat already run here: using them, and leaving them running"
else
  t=$(now)
  STARTED=1
  log "starting Keystone and Heat with tools/openstack-up.sh"
  "${SUDO[@]}" "$ROOT/tools/openstack-up.sh"
  rc=$?
  UP_SECONDS=$(( $(now) - t ))
  if [ "$rc" = 3 ]; then
    skip "Keystone and Heat cannot run on this machine (see the openstack-up.sh line above)"
  elif [ "$rc" != 0 ]; then
    log "FAILED: openstack-up.sh exited with $rc after ${UP_SECONDS}s"
    exit "$rc"
  fi
  log "services up in ${UP_SECONDS}s"
fi

if [ ! -r "$S/admin-openrc" ]; then
  log "FAILED: $S/admin-openrc is missing or unreadable"
  exit 1
fi
# shellcheck disable=SC1091
source "$S/admin-openrc"

t=$(now)
cd "$ROOT" || exit 1
log "running the tier: mvn -B -Popenstack -pl openstack-it -am verify $*"
mvn -B -Popenstack -pl openstack-it -am verify "$@"
rc=$?
TEST_SECONDS=$(( $(now) - t ))

stop_services
TOTAL=$(( $(now) - T0 ))
if [ "$rc" = 0 ]; then
  banner "OPENSTACK TIER PASSED in ${TOTAL}s (services up ${UP_SECONDS}s, tests ${TEST_SECONDS}s, services down ${DOWN_SECONDS}s)"
else
  banner "OPENSTACK TIER FAILED (mvn exit ${rc}) after ${TOTAL}s (services up ${UP_SECONDS}s, tests ${TEST_SECONDS}s, down ${DOWN_SECONDS}s)"
fi
exit "$rc"
