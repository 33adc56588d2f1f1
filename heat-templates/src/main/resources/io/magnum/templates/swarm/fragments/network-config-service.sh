#!/bin/bash
# Masters only, with network_driver flannel: installs flannel-config.service,
# a one-shot unit that stores /etc/sysconfig/flannel-network.json in etcd
# (retrying until etcd answers) before flanneld starts.

. /etc/sysconfig/heat-params

if [ "$NETWORK_DRIVER" != "flannel" ]; then
    exit 0
fi

config_bin=/usr/local/bin/flannel-config
config_unit=/etc/systemd/system/flannel-config.service
mkdir -p /usr/local/bin /etc/systemd/system/flanneld.service.d

cat > "$config_bin" <<'EOF'
#!/bin/bash
# Stores the flannel network configuration in etcd.
. /etc/sysconfig/flanneld
json=/etc/sysconfig/flannel-network.json
endpoint="${FLANNEL_ETCD_ENDPOINTS:-$FLANNEL_ETCD}"
prefix="${FLANNEL_ETCD_PREFIX:-$FLANNEL_ETCD_KEY}"

if [ ! -f "$json" ] || [ -z "$endpoint" ] || [ -z "$prefix" ]; then
    echo "flannel-config: missing $json or etcd settings" >&2
    exit 1
fi

until curl -sf -L -X PUT "$endpoint/v2/keys$prefix/config" \
        --data-urlencode value@"$json" >/dev/null; do
    echo "flannel-config: waiting for etcd at $endpoint"
    sleep 2
done
echo "flannel-config: stored $prefix/config"
EOF
chown root:root "$config_bin"
chmod 0755 "$config_bin"

cat > "$config_unit" <<EOF
[Unit]
Description=Store the flannel network configuration in etcd
After=etcd.service
Requires=etcd.service

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=$config_bin

[Install]
WantedBy=multi-user.target
EOF
chmod 0644 "$config_unit"

cat > /etc/systemd/system/flanneld.service.d/flannel-config.conf <<EOF
[Unit]
Wants=flannel-config.service
After=flannel-config.service
EOF

systemctl daemon-reload
systemctl enable flannel-config.service
systemctl --no-block start flannel-config.service
