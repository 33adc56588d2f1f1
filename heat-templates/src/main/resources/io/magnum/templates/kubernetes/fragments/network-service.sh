#!/bin/bash
# Sets up flanneld on this node and hands the subnet it leases to docker:
# flanneld reads its network configuration from etcd (the local member on a
# master, the etcd load balancer on a minion); flannel-docker-bridge turns
# /run/flannel/subnet.env into docker's --bip/--mtu before docker starts.
# enable-services starts the lot.

. /etc/sysconfig/heat-params

if [ "$NETWORK_DRIVER" != "flannel" ]; then
    echo "network-service: network driver is '$NETWORK_DRIVER', not flannel"
    exit 0
fi

# a master's ETCD_SERVER_IP is 127.0.0.1, a minion's the etcd load balancer
etcd_endpoint="http://${ETCD_SERVER_IP}:2379"

FLANNELD_CONF=/etc/sysconfig/flanneld
BRIDGE_BIN=/usr/local/bin/flannel-docker-bridge
BRIDGE_SERVICE=/etc/systemd/system/flannel-docker-bridge.service
DOCKER_DROPIN=/etc/systemd/system/docker.service.d/flannel.conf

mkdir -p "$(dirname "$BRIDGE_BIN")" "$(dirname "$DOCKER_DROPIN")"

# Both spellings: older flanneld units read FLANNEL_ETCD/FLANNEL_ETCD_KEY,
# newer ones FLANNEL_ETCD_ENDPOINTS/FLANNEL_ETCD_PREFIX.
cat > "$FLANNELD_CONF" <<EOF_CONF
FLANNEL_ETCD="${etcd_endpoint}"
FLANNEL_ETCD_ENDPOINTS="${etcd_endpoint}"
FLANNEL_ETCD_KEY="/atomic.io/network"
FLANNEL_ETCD_PREFIX="/atomic.io/network"
FLANNEL_OPTIONS="-iface=${KUBE_NODE_IP}"
EOF_CONF
chmod 0644 "$FLANNELD_CONF"

cat > "$BRIDGE_BIN" <<'EOF_BIN'
#!/bin/bash
# Runs with /run/flannel/subnet.env in its environment.
if [ -z "$FLANNEL_SUBNET" ] || [ -z "$FLANNEL_MTU" ]; then
    echo "flannel-docker-bridge: FLANNEL_SUBNET or FLANNEL_MTU is not set" >&2
    exit 1
fi
mkdir -p /run/flannel
echo "DOCKER_NETWORK_OPTIONS=\"--bip=${FLANNEL_SUBNET} --mtu=${FLANNEL_MTU}\"" > /run/flannel/docker
EOF_BIN
chown root:root "$BRIDGE_BIN"
chmod 0755 "$BRIDGE_BIN"

cat > "$BRIDGE_SERVICE" <<EOF_UNIT
[Unit]
Description=Hand flannel's subnet to docker
After=flanneld.service
Requires=flanneld.service
Before=docker.service

[Service]
Type=oneshot
RemainAfterExit=yes
EnvironmentFile=/run/flannel/subnet.env
ExecStart=${BRIDGE_BIN}

[Install]
WantedBy=docker.service
EOF_UNIT
chmod 0644 "$BRIDGE_SERVICE"

cat > "$DOCKER_DROPIN" <<EOF_DROPIN
[Unit]
Requires=flannel-docker-bridge.service
After=flannel-docker-bridge.service

[Service]
EnvironmentFile=-/run/flannel/docker
EOF_DROPIN
chmod 0644 "$DOCKER_DROPIN"

echo "network-service: flanneld uses etcd at ${etcd_endpoint}"
