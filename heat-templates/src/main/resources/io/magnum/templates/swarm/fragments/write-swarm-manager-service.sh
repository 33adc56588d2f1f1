#!/bin/bash
# Masters only: writes swarm-manager.service, the swarm manager in a container
# published on swarm_port, replicated across the masters (leader election in
# the discovery backend, when that is a key-value store) and serving TLS with
# the bay's certificates unless TLS is disabled.

. /etc/sysconfig/heat-params

unit=/etc/systemd/system/swarm-manager.service
image="swarm:$SWARM_VERSION"
port="${SWARM_PORT:-2376}"

tls_flags=""
if [ "$TLS_DISABLED_NORMALISED" != "true" ]; then
    tls_flags="--tlsverify --tlscacert=/etc/docker/ca.crt --tlscert=/etc/docker/server.crt --tlskey=/etc/docker/server.key"
fi

requires="docker.service"
discovery="$SWARM_DISCOVERY"
if [ -n "$ETCD_DISCOVERY_URL" ]; then
    # Swarm keeps its registry in the bay's own etcd cluster; a master talks
    # to its own member rather than through the load balancer.
    requires="docker.service etcd.service"
    discovery="etcd://$SWARM_NODE_IP:2379/swarm"
fi

# Leader election (--replication) needs a key-value store behind discovery.
replication=""
case "$discovery" in
    etcd://*|consul://*|zk://*) replication="--replication --advertise $SWARM_NODE_IP:$port" ;;
esac

manage_opts=$(echo "$replication $tls_flags" | tr -s ' ')

cat > "$unit" <<EOF
[Unit]
Description=Swarm manager
After=$requires
Requires=$requires

[Service]
TimeoutStartSec=0
Restart=always
RestartSec=10
ExecStartPre=-/usr/bin/docker kill swarm-manager
ExecStartPre=-/usr/bin/docker rm swarm-manager
ExecStartPre=-/usr/bin/docker pull $image
ExecStart=/usr/bin/docker run --name swarm-manager \\
    --security-opt label:disable \\
    -v /etc/docker:/etc/docker:ro \\
    -p $port:2375 \\
    -e http_proxy=$HTTP_PROXY -e https_proxy=$HTTPS_PROXY -e no_proxy=$NO_PROXY_ALL \\
    $image manage -H tcp://0.0.0.0:2375 \\
    $manage_opts $discovery
ExecStop=/usr/bin/docker stop swarm-manager

[Install]
WantedBy=multi-user.target
EOF

chown root:root "$unit"
chmod 0644 "$unit"
