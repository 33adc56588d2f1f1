#!/bin/bash
# With network_driver flannel: starts flanneld and puts docker's bridge on the
# flannel subnet this server leases (flannel-docker-bridge.service turns
# /run/flannel/subnet.env into docker options before docker starts).

. /etc/sysconfig/heat-params

if [ "$NETWORK_DRIVER" != "flannel" ]; then
    exit 0
fi

bridge_bin=/usr/local/bin/flannel-docker-bridge
bridge_unit=/etc/systemd/system/flannel-docker-bridge.service
mkdir -p /usr/local/bin /etc/systemd/system/docker.service.d /run/flannel

cat > "$bridge_bin" <<'EOF'
#!/bin/bash
# Turns flannel's lease (FLANNEL_SUBNET, FLANNEL_MTU) into docker options.
if [ -z "$FLANNEL_SUBNET" ] || [ -z "$FLANNEL_MTU" ]; then
    echo "flannel-docker-bridge: FLANNEL_SUBNET or FLANNEL_MTU missing" >&2
    exit 1
fi
mkdir -p /run/flannel
echo "DOCKER_NETWORK_OPTIONS=\"--bip=$FLANNEL_SUBNET --mtu=$FLANNEL_MTU\"" > /run/flannel/docker
EOF
chown root:root "$bridge_bin"
chmod 0755 "$bridge_bin"

cat > "$bridge_unit" <<EOF
[Unit]
Description=Docker bridge options from the flannel lease
After=flanneld.service
Requires=flanneld.service
Before=docker.service

[Service]
Type=oneshot
RemainAfterExit=yes
EnvironmentFile=/run/flannel/subnet.env
ExecStart=$bridge_bin

[Install]
WantedBy=docker.service
EOF
chmod 0644 "$bridge_unit"

cat > /etc/systemd/system/docker.service.d/flannel.conf <<EOF
[Unit]
Requires=flannel-docker-bridge.service
After=flannel-docker-bridge.service

[Service]
EnvironmentFile=-/run/flannel/docker
EOF
chmod 0644 /etc/systemd/system/docker.service.d/flannel.conf

systemctl daemon-reload
systemctl enable flanneld.service flannel-docker-bridge.service
systemctl --no-block start flanneld.service
