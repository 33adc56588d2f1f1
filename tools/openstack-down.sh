#!/usr/bin/env bash
# openstack-down.sh - stop what openstack-up.sh (and magnum-up.sh) started, by their pid files in $OS_CI_STATE/run.
# Leaves packages, configs and databases in place (openstack-up.sh restarts them quickly).
# Pass --purge-state to also remove $OS_CI_STATE and drop the keystone/heat/magnum databases
# and glance/neutron/nova dbs (before stopping MariaDB), so the next openstack-up.sh starts from scratch.
# magnum4j's copy of ../shared/tools/openstack-down.sh, unchanged but for this line and a check that nothing it
# started is left (exit status 1 if something is).
set -uo pipefail
S=${OS_CI_STATE:-/var/lib/openstack-ci}
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
log() { echo "[openstack-down $(date +%H:%M:%S)] $*"; }

stop_pidfile() { # stop_pidfile NAME PIDFILE [SECONDS]
  local name=$1 pf=$2 t=${3:-30} pid
  [ -s "$pf" ] || { log "$name: no pid file"; return 0; }
  pid=$(cat "$pf")
  if ! kill -0 "$pid" 2>/dev/null; then log "$name: not running"; rm -f "$pf"; return 0; fi
  kill -TERM "$pid"
  for _ in $(seq 1 $((t*2))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then log "$name: still alive after ${t}s, SIGKILL $pid"; kill -KILL "$pid"; fi
  rm -f "$pf"; log "$name: stopped (pid $pid)"
}

for svc in magnum-conductor magnum-api nova-api neutron-server glance-api etcd-discovery-stub heat-api heat-engine; do
  stop_pidfile "$svc" "$S/run/$svc.pid"
done
stop_pidfile keystone "$S/run/keystone.pid"     # uwsgi master (--die-on-term) takes its workers down
if [ -s "$S/run/rabbitmq.pid" ] && kill -0 "$(cat "$S/run/rabbitmq.pid")" 2>/dev/null; then
  rabbitmqctl stop "$S/run/rabbitmq.pid" >/dev/null 2>&1 || stop_pidfile rabbitmq "$S/run/rabbitmq.pid"
  rm -f "$S/run/rabbitmq.pid"; log "rabbitmq: stopped"
  epmd -kill >/dev/null 2>&1 || true          # the epmd that rabbitmq-server spawned
fi
if [ "${1:-}" = "--purge-state" ] && mariadb-admin ping >/dev/null 2>&1; then
  for db in keystone heat magnum glance neutron nova_api nova nova_cell0; do mariadb -e "DROP DATABASE IF EXISTS $db;"; done
  log "dropped databases"
fi
stop_pidfile mariadb "$S/run/mariadb.pid" 60
if [ "${1:-}" = "--purge-state" ]; then rm -rf "$S"; log "removed $S"; fi
left=""
for pf in "$S"/run/*.pid; do [ -s "$pf" ] && kill -0 "$(cat "$pf")" 2>/dev/null && left="$left $(basename "$pf" .pid)"; done
if [ -n "$left" ]; then log "STILL RUNNING:$left"; exit 1; fi
exit 0
