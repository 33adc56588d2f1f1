#!/bin/bash
# With http_proxy/https_proxy set: gives docker (image pulls) and login shells
# the proxy settings; localhost and the bay's masters and this server are
# always in no_proxy. Runs before start-services.sh starts docker.

. /etc/sysconfig/heat-params

if [ -z "$HTTP_PROXY" ] && [ -z "$HTTPS_PROXY" ]; then
    echo "no proxy configured"
    exit 0
fi

no_proxy_all="$NO_PROXY"
for host in localhost 127.0.0.1 $MESOS_MASTERS_IPS ${MESOS_MASTER_IP:-} ${MESOS_SLAVE_IP:-}; do
    case ",$no_proxy_all," in *",$host,"*) continue ;; esac
    no_proxy_all="${no_proxy_all:+$no_proxy_all,}$host"
done

# docker under upstart reads /etc/default/docker ...
mkdir -p /etc/default
{
    [ -n "$HTTP_PROXY" ] && echo "export http_proxy=\"$HTTP_PROXY\""
    [ -n "$HTTPS_PROXY" ] && echo "export https_proxy=\"$HTTPS_PROXY\""
    echo "export no_proxy=\"$no_proxy_all\""
} >> /etc/default/docker

# ... and under systemd a drop-in.
if [ -d /run/systemd/system ]; then
    mkdir -p /etc/systemd/system/docker.service.d
    {
        echo "[Service]"
        [ -n "$HTTP_PROXY" ] && echo "Environment=\"HTTP_PROXY=$HTTP_PROXY\""
        [ -n "$HTTPS_PROXY" ] && echo "Environment=\"HTTPS_PROXY=$HTTPS_PROXY\""
        echo "Environment=\"NO_PROXY=$no_proxy_all\""
    } > /etc/systemd/system/docker.service.d/proxy.conf
    systemctl daemon-reload
fi

mkdir -p /etc/profile.d
{
    [ -n "$HTTP_PROXY" ] && echo "export http_proxy=\"$HTTP_PROXY\" HTTP_PROXY=\"$HTTP_PROXY\""
    [ -n "$HTTPS_PROXY" ] && echo "export https_proxy=\"$HTTPS_PROXY\" HTTPS_PROXY=\"$HTTPS_PROXY\""
    echo "export no_proxy=\"$no_proxy_all\" NO_PROXY=\"$no_proxy_all\""
} > /etc/profile.d/magnum-proxy.sh
chmod 0644 /etc/profile.d/magnum-proxy.sh

echo "proxy settings written for docker and login shells"
