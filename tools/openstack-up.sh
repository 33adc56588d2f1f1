#!/usr/bin/env bash
# openstack-up.sh - stand up a real OpenStack Keystone + Heat (Debian bookworm = OpenStack Zed)
# on this machine, from Debian packages only, bound to 127.0.0.1 only, without systemd.
#
#   MariaDB   127.0.0.1:3306   (keystone + heat databases; sqlite gave "database is locked")
#   RabbitMQ  127.0.0.1:5672   (oslo.messaging between heat-api and heat-engine; epmd/dist also on 127.0.0.1)
#   Keystone  http://127.0.0.1:5000/v3   (uwsgi, fernet tokens; admin/$OS_CI_ADMIN_PASSWORD, project admin, region RegionOne)
#   Heat      http://127.0.0.1:8004/v1/%(tenant_id)s  (heat-api + heat-engine, registered as 'orchestration')
#
# Idempotent: re-running skips what is installed/configured/running. Stop with openstack-down.sh.
# State, configs, logs and pid files live in $OS_CI_STATE (default /var/lib/openstack-ci).
# Credentials for clients: source $OS_CI_STATE/admin-openrc
#
# Phases can be selected: openstack-up.sh [install] [configure] [start]   (default: all three)
#
# Time on a 2-core machine: install ~100 s (once), configure ~10 s, start ~20-35 s. Needs root (apt-get, /etc, daemons).
# Exit status: 0 up; 3 cannot run here at all (not root, or packages missing and no apt-get), so a caller may skip;
# anything else is a failure (see the logs in $OS_CI_STATE/log).
#
# magnum4j's copy of ../shared/tools/openstack-up.sh (see tools/openstack-it.sh, which runs it for the test tier).
# Changes from the shared one: the exit status 3 above; Heat's convergence engine is named in heat.conf (it is the
# default, and it is what LocalCloud's Heat is compared with); the services' logs are named when one does not start.
set -euo pipefail

S=${OS_CI_STATE:-/var/lib/openstack-ci}
ADMIN_PASSWORD=${OS_CI_ADMIN_PASSWORD:-adminpass}
HEAT_PASSWORD=${OS_CI_HEAT_PASSWORD:-heatpass}
HEAT_DOMAIN_ADMIN_PASSWORD=${OS_CI_HEAT_DOMAIN_ADMIN_PASSWORD:-heatdomainpass}
KEYSTONE_DB_PASSWORD=${OS_CI_KEYSTONE_DB_PASSWORD:-keystonedb}
HEAT_DB_PASSWORD=${OS_CI_HEAT_DB_PASSWORD:-heatdb}
HEAT_ENGINE_WORKERS=${OS_CI_HEAT_ENGINE_WORKERS:-1}
KEYSTONE_PROCESSES=${OS_CI_KEYSTONE_PROCESSES:-2}
PY=/usr/bin/python3            # not a pyenv/venv python: the OpenStack libs are Debian's
export PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH
export DEBIAN_FRONTEND=noninteractive

PHASES=("$@"); [ ${#PHASES[@]} -eq 0 ] && PHASES=(install configure start)
want() { local p; for p in "${PHASES[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }

log() { echo "[openstack-up $(date +%H:%M:%S)] $*"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }
alive() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local t=$1 what=$2; shift 2; local end=$(( $(date +%s) + t ))
  until "$@" >/dev/null 2>&1; do
    if [ "$(date +%s)" -ge "$end" ]; then log "TIMEOUT waiting for $what"; return 1; fi
    sleep 0.5
  done
}

cannot_run() { log "CANNOT RUN HERE: $*"; exit 3; }
if [ "$(id -u)" -ne 0 ]; then cannot_run "needs root (apt-get, /etc/mysql, /etc/rabbitmq, daemons); run it with sudo"; fi
started_failed() { # started_failed WHAT LOG...
  local what=$1; shift; log "$what did not start; last lines of its logs:"
  local f; for f in "$@"; do [ -f "$f" ] && { echo "---- $f"; tail -20 "$f"; }; done; exit 1
}

mkdir -p "$S/log" "$S/run"

# ---------------------------------------------------------------- install
if want install; then
  T=$(now)
  # Debian's OpenStack packages ask debconf questions; answer "do not configure" to all of them.
  debconf-set-selections <<'EOF'
keystone keystone/configure_db boolean false
keystone keystone/create-admin-tenant boolean false
keystone keystone/register-endpoint boolean false
heat-common heat/configure_with_debconf boolean false
heat-common heat/configure_db boolean false
heat-common heat/configure_rabbit boolean false
heat-common heat/configure_ksat boolean false
heat-api heat/configure_api-endpoint boolean false
EOF
  # Without systemd, postinst "invoke-rc.d start" must not start anything: we start services ourselves.
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
  fi
  PKGS="mariadb-server python3-pymysql rabbitmq-server keystone heat-api heat-engine python3-heatclient python3-openstackclient curl"
  missing=$(for p in $PKGS; do dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null | grep -qx installed || echo "$p"; done)
  if [ -z "$missing" ]; then
    log "packages already installed"
  elif ! command -v apt-get >/dev/null 2>&1; then
    cannot_run "packages missing ($(echo $missing)) and no apt-get to install them"
  else
    apt-get update -o DPkg::Lock::Timeout=900 -q >/dev/null || true
    apt-get install -y -q -o DPkg::Lock::Timeout=900 $PKGS > "$S/log/apt-install.log" 2>&1 \
      || { tail -30 "$S/log/apt-install.log"; exit 1; }
  fi
  log "install phase: $(elapsed "$T")s"
fi

# ---------------------------------------------------------------- helpers to start daemons
start_mariadb() {
  if mariadb-admin ping >/dev/null 2>&1; then cp /run/mysqld/mysqld.pid "$S/run/mariadb.pid"; return 0; fi
  cat > /etc/mysql/mariadb.conf.d/99-openstack-ci.cnf <<'EOF'
[mysqld]
bind-address = 127.0.0.1
max_connections = 500
innodb_buffer_pool_size = 64M
performance_schema = OFF
EOF
  install -d -o mysql -g mysql /run/mysqld
  nohup /usr/sbin/mariadbd --user=mysql >> "$S/log/mariadb.log" 2>&1 &
  wait_for 60 mariadb mariadb-admin ping || started_failed mariadb "$S/log/mariadb.log"
  cp /run/mysqld/mysqld.pid "$S/run/mariadb.pid"
}

start_rabbitmq() {
  cat > /etc/rabbitmq/rabbitmq-env.conf <<'EOF'
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
NODE_PORT=5672
PID_FILE=/var/lib/rabbitmq/rabbitmq.pid
SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
EOF
  cat > /etc/rabbitmq/rabbitmq.conf <<'EOF'
listeners.tcp.default = 127.0.0.1:5672
loopback_users.guest = true
EOF
  if alive /var/lib/rabbitmq/rabbitmq.pid; then cp /var/lib/rabbitmq/rabbitmq.pid "$S/run/rabbitmq.pid"; return 0; fi
  export ERL_EPMD_ADDRESS=127.0.0.1   # epmd only on loopback
  nohup /usr/sbin/rabbitmq-server >> "$S/log/rabbitmq.out" 2>&1 &
  rabbitmqctl wait --timeout 120 /var/lib/rabbitmq/rabbitmq.pid >/dev/null
  cp /var/lib/rabbitmq/rabbitmq.pid "$S/run/rabbitmq.pid"
}

# ---------------------------------------------------------------- configure
write_configs() {
  cat > "$S/keystone.conf" <<EOF
[DEFAULT]
log_file = $S/log/keystone.log
[database]
connection = mysql+pymysql://keystone:$KEYSTONE_DB_PASSWORD@127.0.0.1/keystone
[token]
provider = fernet
[fernet_tokens]
key_repository = $S/fernet-keys
[fernet_receipts]
key_repository = $S/fernet-keys
[credential]
key_repository = $S/credential-keys
[cache]
enabled = false
EOF
  cat > "$S/heat.conf" <<EOF
[DEFAULT]
log_dir = $S/log
transport_url = rabbit://guest:guest@127.0.0.1:5672/
num_engine_workers = $HEAT_ENGINE_WORKERS
region_name_for_services = RegionOne
heat_metadata_server_url = http://127.0.0.1:8000
heat_waitcondition_server_url = http://127.0.0.1:8000/v1/waitcondition
stack_domain_admin = heat_domain_admin
stack_domain_admin_password = $HEAT_DOMAIN_ADMIN_PASSWORD
stack_user_domain_name = heat
deferred_auth_method = trusts
graceful_shutdown_timeout = 5
# the default since Ocata, written out: LocalCloud's Heat is held to this engine's behaviour (openstack-it)
convergence_engine = true
environment_dir = $S/heat-environment.d
[database]
connection = mysql+pymysql://heat:$HEAT_DB_PASSWORD@127.0.0.1/heat
[heat_api]
bind_host = 127.0.0.1
bind_port = 8004
workers = 1
[paste_deploy]
api_paste_config = /etc/heat/api-paste.ini
[oslo_policy]
policy_dirs = /etc/heat/policy.d
[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:5000
auth_url = http://127.0.0.1:5000
auth_type = password
username = heat
password = $HEAT_PASSWORD
project_name = service
user_domain_name = Default
project_domain_name = Default
region_name = RegionOne
[trustee]
auth_type = password
auth_url = http://127.0.0.1:5000
username = heat
password = $HEAT_PASSWORD
user_domain_name = Default
[clients_keystone]
auth_uri = http://127.0.0.1:5000
[ec2authtoken]
auth_uri = http://127.0.0.1:5000/v3
[clients]
endpoint_type = publicURL
EOF
  cat > "$S/admin-openrc" <<EOF
export OS_AUTH_URL=http://127.0.0.1:5000/v3
export OS_USERNAME=admin
export OS_PASSWORD=$ADMIN_PASSWORD
export OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default
export OS_PROJECT_DOMAIN_NAME=Default
export OS_IDENTITY_API_VERSION=3
export OS_REGION_NAME=RegionOne
EOF
}

if want configure; then
  T=$(now)
  write_configs
  # global Heat environment dir (magnum-up.sh may add a file here); start from Debian's default.yaml
  mkdir -p "$S/heat-environment.d"
  [ -e "$S/heat-environment.d/default.yaml" ] || cp /etc/heat/environment.d/default.yaml "$S/heat-environment.d/"
  start_mariadb
  mariadb <<EOF
CREATE DATABASE IF NOT EXISTS keystone;
CREATE DATABASE IF NOT EXISTS heat;
CREATE USER IF NOT EXISTS 'keystone'@'127.0.0.1' IDENTIFIED BY '$KEYSTONE_DB_PASSWORD';
CREATE USER IF NOT EXISTS 'heat'@'127.0.0.1' IDENTIFIED BY '$HEAT_DB_PASSWORD';
GRANT ALL ON keystone.* TO 'keystone'@'127.0.0.1';
GRANT ALL ON heat.* TO 'heat'@'127.0.0.1';
FLUSH PRIVILEGES;
EOF
  KM="keystone-manage --config-file $S/keystone.conf"
  $KM db_sync 2>>"$S/log/keystone-manage.err"
  [ -e "$S/fernet-keys/0" ] || $KM fernet_setup --keystone-user root --keystone-group root 2>>"$S/log/keystone-manage.err"
  [ -e "$S/credential-keys/0" ] || $KM credential_setup --keystone-user root --keystone-group root 2>>"$S/log/keystone-manage.err"
  $KM bootstrap --bootstrap-password "$ADMIN_PASSWORD" --bootstrap-username admin \
     --bootstrap-project-name admin --bootstrap-role-name admin --bootstrap-service-name keystone \
     --bootstrap-region-id RegionOne --bootstrap-admin-url http://127.0.0.1:5000/v3/ \
     --bootstrap-internal-url http://127.0.0.1:5000/v3/ --bootstrap-public-url http://127.0.0.1:5000/v3/ \
     2>>"$S/log/keystone-manage.err"
  heat-manage --config-file "$S/heat.conf" db_sync >>"$S/log/heat-manage.log" 2>&1
  log "configure phase (configs, mariadb, keystone db_sync/bootstrap, heat db_sync): $(elapsed "$T")s"
fi

# ---------------------------------------------------------------- start
if want start; then
  T=$(now)
  write_configs
  start_mariadb
  start_rabbitmq
  log "rabbitmq up after $(elapsed "$T")s"

  # uwsgi --http-socket closes the TCP connection after each response; without "Connection: close"
  # keep-alive clients (keystoneauth/requests) intermittently get "Connection reset by peer".
  if ! alive "$S/run/keystone.pid"; then
    OS_KEYSTONE_CONFIG_FILES="$S/keystone.conf" nohup uwsgi --plugins python3 \
      --http-socket 127.0.0.1:5000 --wsgi-file /usr/bin/keystone-wsgi-public \
      --master --processes "$KEYSTONE_PROCESSES" --threads 4 --enable-threads --lazy-apps \
      --die-on-term --buffer-size 65535 --pidfile "$S/run/keystone.pid" --procname-prefix keystone- \
      --add-header "Connection: close" \
      >> "$S/log/keystone-uwsgi.log" 2>&1 &
  fi
  wait_for 120 keystone curl -sf http://127.0.0.1:5000/v3 || started_failed keystone "$S/log/keystone-uwsgi.log" "$S/log/keystone.log"
  log "keystone answers after $(elapsed "$T")s"

  # Service user, roles, heat stack domain, orchestration service + endpoints (one python process, idempotent).
  ADMIN_PASSWORD=$ADMIN_PASSWORD HEAT_PASSWORD=$HEAT_PASSWORD HEAT_DOMAIN_ADMIN_PASSWORD=$HEAT_DOMAIN_ADMIN_PASSWORD \
  $PY - <<'EOF'
import os
from keystoneauth1.identity import v3
from keystoneauth1 import session
from keystoneclient.v3 import client
auth = v3.Password(auth_url="http://127.0.0.1:5000/v3", username="admin", password=os.environ["ADMIN_PASSWORD"],
                   project_name="admin", user_domain_name="Default", project_domain_name="Default")
ks = client.Client(session=session.Session(auth=auth))
def one(mgr, name, **flt):
    r = [x for x in mgr.list(**flt) if x.name == name]
    return r[0] if r else None
default = ks.domains.get("default")
service = one(ks.projects, "service", domain=default) or ks.projects.create("service", default, description="Service Project")
admin_role = one(ks.roles, "admin")
for r in ("member", "reader", "heat_stack_owner", "heat_stack_user"):
    one(ks.roles, r) or ks.roles.create(r)
heat = one(ks.users, "heat", domain=default) or ks.users.create("heat", domain=default, password=os.environ["HEAT_PASSWORD"])
ks.roles.grant(admin_role, user=heat, project=service)
hd = one(ks.domains, "heat") or ks.domains.create("heat", description="Stack projects and users")
hda = one(ks.users, "heat_domain_admin", domain=hd) or ks.users.create("heat_domain_admin", domain=hd,
                                                                       password=os.environ["HEAT_DOMAIN_ADMIN_PASSWORD"])
ks.roles.grant(admin_role, user=hda, domain=hd)
svc = one(ks.services, "heat") or ks.services.create("heat", type="orchestration", description="Orchestration")
have = {e.interface for e in ks.endpoints.list(service=svc)}
for itf in ("public", "internal", "admin"):
    if itf not in have:
        ks.endpoints.create(svc, "http://127.0.0.1:8004/v1/%(tenant_id)s", interface=itf, region="RegionOne")
print("keystone: heat user/domain/service/endpoints present")
EOF
  log "keystone registrations done after $(elapsed "$T")s"

  if ! alive "$S/run/heat-engine.pid"; then
    nohup heat-engine --config-file "$S/heat.conf" >> "$S/log/heat-engine.out" 2>&1 &
    echo $! > "$S/run/heat-engine.pid"
  fi
  if ! alive "$S/run/heat-api.pid"; then
    nohup heat-api --config-file "$S/heat.conf" >> "$S/log/heat-api.out" 2>&1 &
    echo $! > "$S/run/heat-api.pid"
  fi
  # Heat answers when an authenticated API call that needs heat-engine (build_info does an RPC) succeeds.
  heat_ready() {
    local tok pid
    tok=$(curl -si -H 'Content-Type: application/json' -d '{"auth":{"identity":{"methods":["password"],"password":{"user":{"name":"admin","domain":{"name":"Default"},"password":"'"$ADMIN_PASSWORD"'"}}},"scope":{"project":{"name":"admin","domain":{"name":"Default"}}}}}' \
          http://127.0.0.1:5000/v3/auth/tokens | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}' | tr -d '\r')
    pid=$(curl -s -H "X-Auth-Token: $tok" "http://127.0.0.1:5000/v3/auth/projects" | $PY -c 'import json,sys; print([p["id"] for p in json.load(sys.stdin)["projects"] if p["name"]=="admin"][0])')
    curl -sf -H "X-Auth-Token: $tok" "http://127.0.0.1:8004/v1/$pid/build_info" | grep -q engine
  }
  wait_for 180 heat heat_ready || started_failed heat "$S/log/heat-engine.log" "$S/log/heat-api.log" "$S/log/heat-engine.out" "$S/log/heat-api.out"
  log "heat (api + engine) answers after $(elapsed "$T")s"
  log "credentials: source $S/admin-openrc"
fi
