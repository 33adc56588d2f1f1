#!/bin/bash
# Enables and starts this server's services (Heat fills in the list: etcd,
# docker and swarm-manager on a master; docker and swarm-agent on a node)
# without waiting for them; wc-notify.sh waits and reports.

. /etc/sysconfig/heat-params

services="$NODE_SERVICES"

systemctl daemon-reload
for service in $services; do
    echo "enabling and starting $service"
    systemctl enable "$service"
    systemctl --no-block start "$service"
done
