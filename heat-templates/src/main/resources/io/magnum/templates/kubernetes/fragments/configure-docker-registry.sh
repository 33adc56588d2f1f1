#!/bin/bash
# When the bay has registry_enabled, prepares a docker registry (v2) on this
# minion that stores images in Swift: its configuration in
# /etc/sysconfig/registry-config.yml and a registry.service that runs the
# registry:2 container on port $REGISTRY_PORT. enable-services-minion.sh
# starts it. Minions only.

. /etc/sysconfig/heat-params

lower() {
    echo "$1" | tr '[:upper:]' '[:lower:]'
}

case "$(lower "$REGISTRY_ENABLED")" in
    true|1|yes) ;;
    *)
        echo "configure-docker-registry: the registry is not enabled"
        exit 0
        ;;
esac

REGISTRY_CONFIG=/etc/sysconfig/registry-config.yml
REGISTRY_SERVICE=/etc/systemd/system/registry.service

insecure=false
case "$(lower "$REGISTRY_INSECURE")" in
    true|1|yes) insecure=true ;;
esac

cat > "$REGISTRY_CONFIG" <<EOF_REGISTRY
version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    layerinfo: inmemory
  swift:
    authurl: "${REGISTRY_AUTH_URL}"
    region: "${REGISTRY_REGION}"
    username: "${REGISTRY_USERNAME}"
    password: "${REGISTRY_PASSWORD}"
    domain: "${REGISTRY_DOMAIN}"
    trustid: "${REGISTRY_TRUST_ID}"
    container: "${REGISTRY_CONTAINER}"
    insecureskipverify: ${insecure}
    chunksize: ${REGISTRY_CHUNKSIZE:-5242880}
http:
  addr: :5000
EOF_REGISTRY
chmod 0600 "$REGISTRY_CONFIG"

cat > "$REGISTRY_SERVICE" <<EOF_UNIT
[Unit]
Description=Docker registry v2 backed by Swift
Requires=docker.service
After=docker.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStartPre=-/usr/bin/docker rm -f registry
ExecStart=/usr/bin/docker run -d -p ${REGISTRY_PORT}:5000 --restart=always --name registry -v ${REGISTRY_CONFIG}:/etc/docker/registry/config.yml registry:2
ExecStop=/usr/bin/docker rm -f registry

[Install]
WantedBy=multi-user.target
EOF_UNIT
chmod 0644 "$REGISTRY_SERVICE"

echo "configure-docker-registry: registry.service will listen on port ${REGISTRY_PORT}"
