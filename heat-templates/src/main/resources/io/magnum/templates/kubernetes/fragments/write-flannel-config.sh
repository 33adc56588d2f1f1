#!/bin/bash
# Writes the flannel network configuration (overlay range, per-node subnet
# length, backend) that configure-flannel.sh stores in etcd for every node's
# flanneld to read. Masters only.

. /etc/sysconfig/heat-params

if [ "$NETWORK_DRIVER" != "flannel" ]; then
    echo "write-flannel-config: network driver is '$NETWORK_DRIVER', not flannel"
    exit 0
fi

FLANNEL_JSON=/etc/sysconfig/flannel-network.json

backend="${FLANNEL_BACKEND:-udp}"
if [ "$(echo "$FLANNEL_USE_VXLAN" | tr '[:upper:]' '[:lower:]')" = "true" ]; then
    backend=vxlan
fi

cat > "$FLANNEL_JSON" <<EOF_JSON
{
  "Network": "${FLANNEL_NETWORK_CIDR}",
  "SubnetLen": ${FLANNEL_NETWORK_SUBNETLEN:-24},
  "Backend": {
    "Type": "${backend}"
  }
}
EOF_JSON
chmod 0644 "$FLANNEL_JSON"

echo "write-flannel-config: ${FLANNEL_NETWORK_CIDR}, /${FLANNEL_NETWORK_SUBNETLEN:-24} per node, ${backend} backend"
