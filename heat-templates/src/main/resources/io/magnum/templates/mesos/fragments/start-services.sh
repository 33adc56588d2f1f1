#!/bin/bash
# Starts this server's services (Heat fills in the list: zookeeper,
# mesos-master and marathon on a master; docker and mesos-slave on a slave).
# The image keeps them from starting on their own (upstart .override files);
# they are released here, once configured. Works with upstart and systemd.

services="$NODE_SERVICES"

for service in $services; do
    echo "starting $service"
    rm -f "/etc/init/$service.override"
    if [ -d /run/systemd/system ]; then
        systemctl enable "$service"
        systemctl restart "$service"
    else
        service "$service" restart || service "$service" start
    fi
done
