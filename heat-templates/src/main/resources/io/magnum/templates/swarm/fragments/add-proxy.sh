#!/bin/bash
# With http_proxy/https_proxy set: gives docker (image pulls) and login shells
# the proxy settings; the bay's own addresses are always in no_proxy. Runs
# before enable-services.sh starts docker, so no restart is needed.

. /etc/sysconfig/heat-params

if [ -z "$HTTP_PROXY" ] && [ -z "$HTTPS_PROXY" ]; then
    echo "no proxy configured"
    exit 0
fi

dropin=/etc/systemd/system/docker.service.d/proxy.conf
mkdir -p "$(dirname "$dropin")"
{
    echo "[Service]"
    [ -n "$HTTP_PROXY" ] && echo "Environment=\"HTTP_PROXY=$HTTP_PROXY\""
    [ -n "$HTTPS_PROXY" ] && echo "Environment=\"HTTPS_PROXY=$HTTPS_PROXY\""
    echo "Environment=\"NO_PROXY=$NO_PROXY_ALL\""
} > "$dropin"
chmod 0644 "$dropin"

profile=/etc/profile.d/magnum-proxy.sh
mkdir -p /etc/profile.d
{
    [ -n "$HTTP_PROXY" ] && echo "export http_proxy=\"$HTTP_PROXY\" HTTP_PROXY=\"$HTTP_PROXY\""
    [ -n "$HTTPS_PROXY" ] && echo "export https_proxy=\"$HTTPS_PROXY\" HTTPS_PROXY=\"$HTTPS_PROXY\""
    echo "export no_proxy=\"$NO_PROXY_ALL\" NO_PROXY=\"$NO_PROXY_ALL\""
} > "$profile"
chmod 0644 "$profile"

systemctl daemon-reload
echo "proxy settings written for docker and login shells"
