#!/bin/bash
# Installs flannel-config, a one-shot service that stores the flannel network
# configuration (write-flannel-config.sh) in etcd once etcd answers, and
# orders flanneld after it. Every master stores the same document, so which
# one wins does not matter. Masters only.

. /etc/sysconfig/heat-params

if [ "$NETWORK_DRIVER" != "flannel" ]; then
    echo "configure-flannel: network driver is '$NETWORK_DRIVER', not flannel"
    exit 0
fi

FLANNEL_JSON=/etc/sysconfig/flannel-network.json
FLANNEL_CONFIG_BIN=/usr/local/bin/flannel-config
FLANNEL_CONFIG_SERVICE=/etc/systemd/system/flannel-config.service
FLANNELD_DROPIN=/etc/systemd/system/flanneld.service.d/flannel-config.conf

mkdir -p "$(dirname "$FLANNEL_CONFIG_BIN")" "$(dirname "$FLANNELD_DROPIN")"

# FLANNEL_ETCD and FLANNEL_ETCD_KEY come from /etc/sysconfig/flanneld
# (network-service.sh) through the unit's EnvironmentFile.
cat > "$FLANNEL_CONFIG_BIN" <<EOF_BIN
#!/bin/bash
if [ ! -f "${FLANNEL_JSON}" ]; then
    echo "flannel-config: ${FLANNEL_JSON} is missing" >&2
    exit 1
fi
if [ -z "\$FLANNEL_ETCD" ] || [ -z "\$FLANNEL_ETCD_KEY" ]; then
    echo "flannel-config: FLANNEL_ETCD or FLANNEL_ETCD_KEY is not set" >&2
    exit 1
fi
until curl -sf -o /dev/null -X PUT "\${FLANNEL_ETCD}/v2/keys\${FLANNEL_ETCD_KEY}/config" \\
        --data-urlencode value@${FLANNEL_JSON}; do
    echo "flannel-config: waiting for etcd at \${FLANNEL_ETCD}"
    sleep 2
done
echo "flannel-config: network configuration stored at \${FLANNEL_ETCD_KEY}/config"
EOF_BIN
chown root:root "$FLANNEL_CONFIG_BIN"
chmod 0755 "$FLANNEL_CONFIG_BIN"

cat > "$FLANNEL_CONFIG_SERVICE" <<EOF_UNIT
[Unit]
Description=Store the flannel network configuration in etcd
After=etcd.service
Wants=etcd.service
Before=flanneld.service

[Service]
Type=oneshot
RemainAfterExit=yes
EnvironmentFile=/etc/sysconfig/flanneld
ExecStart=${FLANNEL_CONFIG_BIN}

[Install]
WantedBy=multi-user.target
EOF_UNIT
chmod 0644 "$FLANNEL_CONFIG_SERVICE"

cat > "$FLANNELD_DROPIN" <<EOF_DROPIN
[Unit]
Wants=flannel-config.service
After=flannel-config.service
EOF_DROPIN
chmod 0644 "$FLANNELD_DROPIN"

echo "configure-flannel: flannel-config.service installed"
