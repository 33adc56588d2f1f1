#!/usr/bin/env bash
# docker-up.sh - install and start a real Docker engine (Debian's docker.io 20.10) for magnum4j's Swarm
# tests, without systemd, build a tiny local image from busybox-static, and optionally init a one-node
# swarm. The project's copy of ../shared/tools/docker-up.sh; .ci/run calls it before `mvn -B verify`.
#
# Made for Debian 12 machines where systemd is NOT PID 1 and no image registry is reachable: never pull;
# use the local image this script makes. Swarm ingress publishing does not work without IPVS: publish in
# host mode. Idempotent: re-running skips what is already there; concurrent runs are serialised by a lock,
# so two callers never start two daemons.
#
# Usage: tools/docker-up.sh [--swarm] [--smoke] [--fallback] [--stop]
#   --swarm     docker swarm init --advertise-addr 127.0.0.1 (if not already active)
#   --smoke     run a CLI smoke test (run/exec/logs/pause/unpause/restart/stop/rm, and service
#               create/scale/rm when --swarm) and print "N passed, N failed"
#   --fallback  start dockerd with --iptables=false --bridge=none --storage-driver=vfs
#               (containers then have only loopback; no -p port publishing)
#   --stop      stop the dockerd this script started (by its PID file) and exit
# Env:
#   DOCKER_UP_DIR   where logs, the lock and the PID file go (default /tmp/docker-up)
#   DOCKER_UP_IMAGE image name to create (default local/busybox:latest, as the shared script; the tests use this name)
#
# Not root: apt-get and dockerd run through sudo (as .ci/run does); the socket is made readable by the
# caller's group so the tests can reach it.
# Afterwards: socket unix:///var/run/docker.sock, dockerd PID in $DOCKER_UP_DIR/dockerd.pid.
# Exit status: 0 when the engine answers (and the image exists, and the swarm is active with --swarm).
set -euo pipefail

SWARM=0 SMOKE=0 FALLBACK=0 STOP=0
for a in "$@"; do
  case "$a" in
    --swarm) SWARM=1 ;;
    --smoke) SMOKE=1 ;;
    --fallback) FALLBACK=1 ;;
    --stop) STOP=1 ;;
    -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
    *) echo "unknown option: $a" >&2; exit 2 ;;
  esac
done

DIR="${DOCKER_UP_DIR:-/tmp/docker-up}"
IMAGE="${DOCKER_UP_IMAGE:-local/busybox:latest}"
SOCKET=/var/run/docker.sock
# Debian's client matches the daemon; a newer /usr/local/bin/docker would negotiate down, but use the
# packaged one explicitly.
DOCKER=/usr/bin/docker
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
mkdir -p "$DIR"
ms() { date +%s%3N; }
log() { echo "[docker-up] $*"; }
T_START=$(ms)

# One run at a time (another engineer's build, a second CI step): the lock is released when we exit.
exec 9>"$DIR/lock"
flock -w 900 9 || { log "could not take $DIR/lock within 900 s"; exit 1; }

dockerd_pid() { cat "$DIR/dockerd.pid" 2>/dev/null || true; }

if [ "$STOP" = 1 ]; then
  pid=$(dockerd_pid)
  if [ -n "$pid" ] && [ -d "/proc/$pid" ]; then
    $SUDO kill "$pid"
    for _ in $(seq 1 150); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
    rm -f "$DIR/dockerd.pid"
    log "stopped dockerd (pid $pid)"
  else
    log "no dockerd started by this script is running"
  fi
  exit 0
fi

# ---------------------------------------------------------------- 1. packages
t0=$(ms)
busybox_static() { [ -x /bin/busybox ] && ! ldd /bin/busybox >/dev/null 2>&1; }
if ! command -v dockerd >/dev/null 2>&1 || [ ! -x "$DOCKER" ] || ! busybox_static; then
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -o DPkg::Lock::Timeout=900 >"$DIR/apt-update.log" 2>&1 || { tail -20 "$DIR/apt-update.log"; exit 1; }
  # docker.io brings containerd, runc, tini and iptables; its postinst cannot start the service
  # (no systemd; policy-rc.d may deny it) - that is expected, we start dockerd below.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=900 docker.io busybox-static \
    >"$DIR/apt-install.log" 2>&1 || { tail -20 "$DIR/apt-install.log"; exit 1; }
  log "installed docker.io + busybox-static in $(( $(ms) - t0 )) ms"
else
  log "docker.io + busybox-static already installed"
fi

# ---------------------------------------------------------------- 2. dockerd
daemon_up() { $SUDO "$DOCKER" info >/dev/null 2>&1; }

start_dockerd() {  # $@ = extra dockerd flags
  local t pid
  t=$(ms)
  # DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1: swarm tasks use the local image instead of first trying to
  # pull it (which fails here with a DNS error on every task start).
  # setsid + </dev/null + a log file: the daemon outlives this script and holds none of the caller's pipes
  # (a CI step waiting on its output would otherwise never end).
  local group
  group=$(id -gn)
  $SUDO env DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 setsid dockerd --group "$group" "$@" \
    </dev/null >"$DIR/dockerd.log" 2>&1 9>&- &
  pid=$!
  for _ in $(seq 1 600); do
    if daemon_up; then
      # with sudo, $! is sudo's pid; record the daemon's own
      [ -z "$SUDO" ] || pid=$(pgrep -n -x dockerd || echo "$pid")
      echo "$pid" >"$DIR/dockerd.pid"
      log "dockerd up (pid $pid, flags: ${*:-<default>}) in $(( $(ms) - t )) ms"
      return 0
    fi
    # /proc, not kill -0: without root, kill -0 on sudo's (root) process fails even while it runs
    if [ ! -d "/proc/$pid" ]; then break; fi
    sleep 0.1
  done
  log "dockerd failed to start with flags: ${*:-<default>}; last log lines:"
  tail -15 "$DIR/dockerd.log" | cut -c1-300
  if [ -d "/proc/$pid" ]; then $SUDO kill "$pid" 2>/dev/null || true; fi
  for _ in $(seq 1 100); do [ -d "/proc/$pid" ] || break; sleep 0.1; done
  return 1
}

if daemon_up; then
  log "dockerd already answering on $SOCKET"
else
  if [ "$FALLBACK" = 1 ]; then
    start_dockerd --iptables=false --bridge=none --storage-driver=vfs
  else
    # Default settings work on this kind of machine (overlay2, cgroupfs, bridge docker0 + iptables nft);
    # a kernel without them gets the loopback-only fallback.
    start_dockerd || start_dockerd --iptables=false --bridge=none --storage-driver=vfs
  fi
fi

# ---------------------------------------------------------------- 3. local image
if $SUDO "$DOCKER" image inspect "$IMAGE" >/dev/null 2>&1; then
  log "image $IMAGE already present"
else
  t=$(ms)
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  mkdir -p "$work/rootfs/bin" "$work/rootfs/tmp" "$work/rootfs/proc" "$work/rootfs/sys" "$work/rootfs/dev" "$work/rootfs/etc"
  chmod 1777 "$work/rootfs/tmp"
  cp /bin/busybox "$work/rootfs/bin/busybox"
  for app in $("$work/rootfs/bin/busybox" --list); do
    [ "$app" = busybox ] || ln -sf busybox "$work/rootfs/bin/$app"
  done
  tar -C "$work/rootfs" -cf "$work/rootfs.tar" .
  $SUDO "$DOCKER" import -c 'CMD ["/bin/sh"]' -c 'ENV PATH=/bin' "$work/rootfs.tar" "$IMAGE" >/dev/null
  rm -rf "$work"
  trap - EXIT
  log "imported $IMAGE (busybox-static rootfs, ~2 MB) in $(( $(ms) - t )) ms"
fi

# ---------------------------------------------------------------- 4. swarm (optional)
if [ "$SWARM" = 1 ]; then
  state=$($SUDO "$DOCKER" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo unknown)
  if [ "$state" = active ]; then
    log "swarm already active"
  else
    t=$(ms)
    $SUDO "$DOCKER" swarm init --advertise-addr 127.0.0.1 >"$DIR/swarm-init.log" 2>&1 || { cat "$DIR/swarm-init.log"; exit 1; }
    log "swarm init (single manager, advertise 127.0.0.1) in $(( $(ms) - t )) ms"
  fi
fi

# ---------------------------------------------------------------- 5. smoke test (optional)
if [ "$SMOKE" = 1 ]; then
  pass=0 fail=0
  check() {  # name, command...
    local name=$1 t out
    shift
    t=$(ms)
    if out=$("$@" 2>&1); then pass=$((pass+1)); echo "  ok   $name ($(( $(ms) - t )) ms) ${out//$'\n'/|}" | cut -c1-160
    else fail=$((fail+1)); echo "  FAIL $name ($(( $(ms) - t )) ms) ${out//$'\n'/|}" | cut -c1-300; fi
  }
  D="$SUDO $DOCKER"
  c="docker-up-smoke-$$"
  check "run -d"   $D run -d --name "$c" "$IMAGE" sh -c "trap 'exit 0' TERM; echo hi; while true; do sleep 1; done"
  sleep 0.3
  check "logs"     sh -c "$D logs $c | grep -q hi && echo hi"
  check "exec"     $D exec "$c" sh -c 'echo from-exec'
  check "pause"    sh -c "$D pause $c >/dev/null && $D inspect -f '{{.State.Status}}' $c | grep -q paused && echo paused"
  check "unpause"  sh -c "$D unpause $c >/dev/null && $D inspect -f '{{.State.Status}}' $c | grep -q running && echo running"
  check "restart"  $D restart -t 2 "$c"
  check "stop"     $D stop -t 2 "$c"
  check "rm"       $D rm "$c"
  check "run --rm" $D run --rm "$IMAGE" echo run-rm-ok
  if [ "$SWARM" = 1 ]; then
    s="docker-up-svc-$$"
    check "service create" $D service create --detach --name "$s" --replicas 2 --no-resolve-image --stop-grace-period 1s "$IMAGE" sh -c 'echo svc; sleep 3600'
    check "service 2/2"    sh -c "for i in \$(seq 1 60); do [ \"\$($D service ls --filter name=$s --format '{{.Replicas}}')\" = 2/2 ] && echo 2/2 && exit 0; sleep 0.5; done; exit 1"
    check "service rm"     $D service rm "$s"
  fi
  echo "docker-up smoke: $pass passed, $fail failed"
  [ "$fail" = 0 ] || exit 1
fi

log "ready in $(( $(ms) - T_START )) ms: DOCKER_HOST=unix://$SOCKET image=$IMAGE dockerd pid=$(dockerd_pid) log=$DIR/dockerd.log"
