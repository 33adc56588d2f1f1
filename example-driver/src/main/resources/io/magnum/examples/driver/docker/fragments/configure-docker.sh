#!/bin/sh
# Boot script of a Docker host (dockernode.yaml): storage, proxies, TLS, then
# docker itself; signals the wait condition once docker answers. Heat replaces
# the $UPPER_CASE words before the server boots.
set -eu

DOCKER_PORT="$DOCKER_PORT"
TLS_DISABLED="$TLS_DISABLED"
DOCKER_VOLUME="$DOCKER_VOLUME"

# docker's storage on the Cinder volume, when the bay has one
if [ -n "$DOCKER_VOLUME" ]; then
    device=/dev/disk/by-id/virtio-$(echo "$DOCKER_VOLUME" | cut -c -20)
    while [ ! -e "$device" ]; do sleep 1; done
    mkfs.xfs -f "$device"
    echo "$device /var/lib/docker xfs defaults 0 0" >> /etc/fstab
    mkdir -p /var/lib/docker && mount /var/lib/docker
fi

mkdir -p /etc/systemd/system/docker.service.d
cat > /etc/systemd/system/docker.service.d/proxy.conf <<CONF
[Service]
Environment="HTTP_PROXY=$HTTP_PROXY" "HTTPS_PROXY=$HTTPS_PROXY" "NO_PROXY=$NO_PROXY"
CONF

if [ "$TLS_DISABLED" = "True" ] || [ "$TLS_DISABLED" = "true" ]; then
    listen="--host tcp://0.0.0.0:$DOCKER_PORT"
else
    # the bay's CA, and a server certificate it signs for this host's addresses
    mkdir -p /etc/docker/tls && cd /etc/docker/tls
    curl -sf -H "X-Auth-Token: $USER_TOKEN" "$MAGNUM_URL/certificates/$BAY_UUID" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["pem"])' > ca.pem
    openssl req -new -newkey rsa:2048 -nodes -keyout server-key.pem -subj "/CN=$NODE_PUBLIC_IP" \
        -addext "subjectAltName=IP:$NODE_PUBLIC_IP,IP:$NODE_IP,IP:127.0.0.1" -out server.csr
    python3 -c 'import json,sys; print(json.dumps({"bay_uuid": sys.argv[1], "csr": open("server.csr").read()}))' \
        "$BAY_UUID" \
        | curl -sf -X POST -H "X-Auth-Token: $USER_TOKEN" -H "Content-Type: application/json" -d @- \
            "$MAGNUM_URL/certificates" \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["pem"])' > server.pem
    listen="--host tcp://0.0.0.0:$DOCKER_PORT --tlsverify --tlscacert /etc/docker/tls/ca.pem"
    listen="$listen --tlscert /etc/docker/tls/server.pem --tlskey /etc/docker/tls/server-key.pem"
fi

cat > /etc/systemd/system/docker.service.d/listen.conf <<CONF
[Service]
ExecStart=
ExecStart=/usr/bin/dockerd --host unix:///var/run/docker.sock $listen
CONF
systemctl daemon-reload
systemctl enable --now docker

until docker info >/dev/null 2>&1; do sleep 2; done
$WC_NOTIFY --data-binary '{"status": "SUCCESS"}'
