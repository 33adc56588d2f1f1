#!/bin/bash
# Nodes only: writes swarm-agent.service, the swarm agent in a container that
# advertises this node's docker (tcp 2375) to the bay's discovery backend.

. /etc/sysconfig/heat-params

unit=/etc/systemd/system/swarm-agent.service
image="swarm:$SWARM_VERSION"

cat > "$unit" <<EOF
[Unit]
Description=Swarm agent
After=docker.service
Requires=docker.service

[Service]
TimeoutStartSec=0
Restart=always
RestartSec=10
ExecStartPre=-/usr/bin/docker kill swarm-agent
ExecStartPre=-/usr/bin/docker rm swarm-agent
ExecStartPre=-/usr/bin/docker pull $image
ExecStart=/usr/bin/docker run --name swarm-agent \\
    -e http_proxy=$HTTP_PROXY -e https_proxy=$HTTPS_PROXY -e no_proxy=$NO_PROXY_ALL \\
    $image join --addr $SWARM_NODE_IP:2375 \\
    $SWARM_DISCOVERY
ExecStop=/usr/bin/docker stop swarm-agent

[Install]
WantedBy=multi-user.target
EOF

chown root:root "$unit"
chmod 0644 "$unit"
