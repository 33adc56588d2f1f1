#!/bin/bash
# Configures this master's etcd member. The masters find each other through
# the etcd discovery URL; etcd serves clients (kube-apiserver, flannel, and
# the minions' flanneld through the load balancer) on port 2379 and peers on
# 2380.

. /etc/sysconfig/heat-params

ETCD_CONF=/etc/etcd/etcd.conf
member_name="master-${KUBE_NODE_IP//./-}"

mkdir -p "$(dirname "$ETCD_CONF")"
cat > "$ETCD_CONF" <<EOF_ETCD
ETCD_NAME="${member_name}"
ETCD_DATA_DIR="/var/lib/etcd/default.etcd"
ETCD_LISTEN_CLIENT_URLS="http://0.0.0.0:2379"
ETCD_LISTEN_PEER_URLS="http://${KUBE_NODE_IP}:2380"
ETCD_ADVERTISE_CLIENT_URLS="http://${KUBE_NODE_IP}:2379"
ETCD_INITIAL_ADVERTISE_PEER_URLS="http://${KUBE_NODE_IP}:2380"
EOF_ETCD

if [ -n "$ETCD_DISCOVERY_URL" ]; then
    echo "ETCD_DISCOVERY=\"${ETCD_DISCOVERY_URL}\"" >> "$ETCD_CONF"
    # the discovery service is outside the bay: go through the proxy if any
    case "$ETCD_DISCOVERY_URL" in
        https:*) discovery_proxy="${HTTPS_PROXY:-$HTTP_PROXY}" ;;
        *) discovery_proxy="$HTTP_PROXY" ;;
    esac
    if [ -n "$discovery_proxy" ]; then
        echo "ETCD_DISCOVERY_PROXY=\"${discovery_proxy}\"" >> "$ETCD_CONF"
    fi
else
    # no discovery service: a cluster of this one member
    cat >> "$ETCD_CONF" <<EOF_ETCD
ETCD_INITIAL_CLUSTER="${member_name}=http://${KUBE_NODE_IP}:2380"
ETCD_INITIAL_CLUSTER_STATE="new"
EOF_ETCD
fi

chmod 0644 "$ETCD_CONF"
echo "configure-etcd: etcd member ${member_name} configured"
