#!/bin/bash
# Masters only: configures this master's etcd member. With an etcd discovery
# URL the members of a new bay find each other through it; with a swarm-native
# discovery URL each master runs a single-member etcd (used by flannel only).

. /etc/sysconfig/heat-params

myip="$SWARM_NODE_IP"
conf=/etc/etcd/etcd.conf
mkdir -p /etc/etcd

cat > "$conf" <<EOF
ETCD_NAME="$myip"
ETCD_DATA_DIR="/var/lib/etcd/default.etcd"
ETCD_LISTEN_CLIENT_URLS="http://0.0.0.0:2379"
ETCD_LISTEN_PEER_URLS="http://$myip:2380"
ETCD_ADVERTISE_CLIENT_URLS="http://$myip:2379"
ETCD_INITIAL_ADVERTISE_PEER_URLS="http://$myip:2380"
EOF

if [ -n "$ETCD_DISCOVERY_URL" ]; then
    echo "ETCD_DISCOVERY=\"$ETCD_DISCOVERY_URL\"" >> "$conf"
    # The discovery service is on the internet: go through the proxy if any.
    if [ -n "$HTTPS_PROXY" ]; then
        echo "ETCD_DISCOVERY_PROXY=\"$HTTPS_PROXY\"" >> "$conf"
    elif [ -n "$HTTP_PROXY" ]; then
        echo "ETCD_DISCOVERY_PROXY=\"$HTTP_PROXY\"" >> "$conf"
    fi
else
    echo "ETCD_INITIAL_CLUSTER=\"$myip=http://$myip:2380\"" >> "$conf"
    echo "ETCD_INITIAL_CLUSTER_STATE=\"new\"" >> "$conf"
fi

chown root:root "$conf"
chmod 0644 "$conf"
echo "etcd configured for $myip"
