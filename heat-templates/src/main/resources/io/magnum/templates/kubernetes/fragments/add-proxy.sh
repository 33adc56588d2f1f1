#!/bin/bash
# Points docker and login shells at the bay's proxies, when the bay model
# names any. docker picks the drop-in up when enable-services starts it.

. /etc/sysconfig/heat-params

if [ -z "$HTTP_PROXY" ] && [ -z "$HTTPS_PROXY" ] && [ -z "$NO_PROXY" ]; then
    echo "add-proxy: no proxy configured"
    exit 0
fi

DOCKER_PROXY_CONF=/etc/systemd/system/docker.service.d/proxy.conf
PROFILE_PROXY=/etc/profile.d/proxy.sh

mkdir -p "$(dirname "$DOCKER_PROXY_CONF")" "$(dirname "$PROFILE_PROXY")"
{
    echo "[Service]"
    [ -n "$HTTP_PROXY" ] && echo "Environment=\"HTTP_PROXY=$HTTP_PROXY\""
    [ -n "$HTTPS_PROXY" ] && echo "Environment=\"HTTPS_PROXY=$HTTPS_PROXY\""
    [ -n "$NO_PROXY" ] && echo "Environment=\"NO_PROXY=$NO_PROXY\""
    true
} > "$DOCKER_PROXY_CONF"
chmod 0644 "$DOCKER_PROXY_CONF"

{
    [ -n "$HTTP_PROXY" ] && echo "export http_proxy='$HTTP_PROXY' HTTP_PROXY='$HTTP_PROXY'"
    [ -n "$HTTPS_PROXY" ] && echo "export https_proxy='$HTTPS_PROXY' HTTPS_PROXY='$HTTPS_PROXY'"
    [ -n "$NO_PROXY" ] && echo "export no_proxy='$NO_PROXY' NO_PROXY='$NO_PROXY'"
    true
} > "$PROFILE_PROXY"
chmod 0644 "$PROFILE_PROXY"

echo "add-proxy: docker and login shells use the configured proxies"
