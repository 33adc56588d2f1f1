#!/bin/bash
# Writes docker.service: docker listens on its unix socket and on tcp 2375
# (with --tlsverify and the bay's certificates unless TLS is disabled), and
# picks up the storage and flannel options other scripts leave behind.

. /etc/sysconfig/heat-params

unit=/etc/systemd/system/docker.service
mkdir -p /etc/systemd/system/docker.service.d

# Images built from one snapshot share /etc/docker/key.json, and swarm refuses
# engines with the same ID: let each docker make its own.
rm -f /etc/docker/key.json

if command -v dockerd >/dev/null 2>&1; then
    daemon="$(command -v dockerd)"
else
    daemon="/usr/bin/docker daemon"
fi

tls_flags=""
if [ "$TLS_DISABLED_NORMALISED" != "true" ]; then
    tls_flags="--tlsverify --tlscacert=/etc/docker/ca.crt --tlscert=/etc/docker/server.crt --tlskey=/etc/docker/server.key"
fi

cat > "$unit" <<EOF
[Unit]
Description=Docker Application Container Engine
Documentation=https://docs.docker.com
After=network.target docker-storage-setup.service
Wants=docker-storage-setup.service

[Service]
Type=notify
TimeoutStartSec=300
EnvironmentFile=-/etc/sysconfig/docker
EnvironmentFile=-/etc/sysconfig/docker-storage
EnvironmentFile=-/etc/sysconfig/docker-network
Environment=GOTRACEBACK=crash
ExecStart=$daemon -H unix:///var/run/docker.sock -H tcp://0.0.0.0:2375 $tls_flags \\
          \$OPTIONS \$DOCKER_STORAGE_OPTIONS \$DOCKER_NETWORK_OPTIONS \$INSECURE_REGISTRY
Restart=on-failure
LimitNOFILE=1048576
LimitNPROC=1048576
LimitCORE=infinity
MountFlags=slave

[Install]
WantedBy=multi-user.target
EOF

chown root:root "$unit"
chmod 0644 "$unit"
