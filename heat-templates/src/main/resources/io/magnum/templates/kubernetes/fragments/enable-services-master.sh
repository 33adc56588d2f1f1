#!/bin/bash
# Starts this master's services with the configuration the earlier parts
# wrote: etcd, flannel (configuration into etcd, then flanneld), docker on
# flannel's subnet, and the Kubernetes control plane.

. /etc/sysconfig/heat-params

systemctl daemon-reload

services="etcd"
if [ "$NETWORK_DRIVER" = "flannel" ]; then
    # docker may already run with a bridge outside flannel's subnet: stop it
    # and drop the bridge so docker makes it anew on the flannel subnet
    systemctl stop docker >/dev/null 2>&1 || true
    ip link del docker0 >/dev/null 2>&1 || true
    services="$services flannel-config flanneld flannel-docker-bridge"
fi
services="$services docker kube-apiserver kube-controller-manager kube-scheduler"

for service in $services; do
    echo "enable-services: activating $service"
    systemctl enable "$service"
    systemctl --no-block restart "$service"
done
