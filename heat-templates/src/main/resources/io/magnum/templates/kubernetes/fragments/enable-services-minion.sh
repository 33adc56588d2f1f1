#!/bin/bash
# Starts this minion's services with the configuration the earlier parts
# wrote: flanneld, docker on flannel's subnet, kubelet and kube-proxy, and
# the docker registry when the bay has one.

. /etc/sysconfig/heat-params

systemctl daemon-reload

services=""
if [ "$NETWORK_DRIVER" = "flannel" ]; then
    # docker may already run with a bridge outside flannel's subnet: stop it
    # and drop the bridge so docker makes it anew on the flannel subnet
    systemctl stop docker >/dev/null 2>&1 || true
    ip link del docker0 >/dev/null 2>&1 || true
    services="flanneld flannel-docker-bridge"
fi
services="$services docker kubelet kube-proxy"
if [ -f /etc/systemd/system/registry.service ]; then
    services="$services registry"
fi

for service in $services; do
    echo "enable-services: activating $service"
    systemctl enable "$service"
    systemctl --no-block restart "$service"
done
