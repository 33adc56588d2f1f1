#!/bin/bash
# With network_driver flannel: points flanneld at etcd (the local member on a
# master, the etcd load balancer on a node) and, on masters, writes the
# overlay network's configuration that network-config-service.sh stores in etcd.

. /etc/sysconfig/heat-params

if [ "$NETWORK_DRIVER" != "flannel" ]; then
    echo "network driver $NETWORK_DRIVER: no flannel configuration"
    exit 0
fi

if [ "$NODE_ROLE" = "master" ]; then
    etcd_endpoint="http://127.0.0.1:2379"
else
    etcd_endpoint="http://$ETCD_SERVER_IP:2379"
fi
etcd_prefix=/atomic.io/network

# Both spellings: older flannel packages read FLANNEL_ETCD/FLANNEL_ETCD_KEY,
# newer ones FLANNEL_ETCD_ENDPOINTS/FLANNEL_ETCD_PREFIX.
cat > /etc/sysconfig/flanneld <<EOF
FLANNEL_ETCD="$etcd_endpoint"
FLANNEL_ETCD_ENDPOINTS="$etcd_endpoint"
FLANNEL_ETCD_KEY="$etcd_prefix"
FLANNEL_ETCD_PREFIX="$etcd_prefix"
FLANNEL_OPTIONS="-iface=$SWARM_NODE_IP"
EOF
chmod 0644 /etc/sysconfig/flanneld

if [ "$NODE_ROLE" != "master" ]; then
    exit 0
fi

use_vxlan=$(echo "$FLANNEL_USE_VXLAN" | tr '[:upper:]' '[:lower:]')
if [ "$use_vxlan" = "true" ]; then
    backend=vxlan
else
    backend="${FLANNEL_BACKEND:-udp}"
fi

cat > /etc/sysconfig/flannel-network.json <<EOF
{
  "Network": "$FLANNEL_NETWORK_CIDR",
  "SubnetLen": ${FLANNEL_NETWORK_SUBNETLEN:-24},
  "Backend": {
    "Type": "$backend"
  }
}
EOF
chmod 0644 /etc/sysconfig/flannel-network.json
echo "flannel: $FLANNEL_NETWORK_CIDR /${FLANNEL_NETWORK_SUBNETLEN:-24} per server, $backend backend"
