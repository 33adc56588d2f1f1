#!/bin/bash
# Writes the stack's parameters for this server to /etc/sysconfig/heat-params,
# which every later boot script sources. Heat fills in the $NAME placeholders
# (str_replace) before the script reaches the server; the here-document is
# quoted so that nothing in the values is expanded while writing it.

umask 077
mkdir -p /etc/sysconfig /var/lib/magnum
cat > /etc/sysconfig/heat-params <<'EOF'
NODE_ROLE='$NODE_ROLE'
SWARM_NODE_IP='$SWARM_NODE_IP'
SWARM_NODE_PUBLIC_IP='$SWARM_NODE_PUBLIC_IP'
SWARM_API_IP='$SWARM_API_IP'
API_IP_ADDRESS='$API_IP_ADDRESS'
ETCD_SERVER_IP='$ETCD_SERVER_IP'
DISCOVERY_URL='$DISCOVERY_URL'
DOCKER_VOLUME_SIZE='$DOCKER_VOLUME_SIZE'
DOCKER_VOLUME_ID='$DOCKER_VOLUME_ID'
HTTP_PROXY='$HTTP_PROXY'
HTTPS_PROXY='$HTTPS_PROXY'
NO_PROXY='$NO_PROXY'
BAY_UUID='$BAY_UUID'
USER_TOKEN='$USER_TOKEN'
MAGNUM_URL='$MAGNUM_URL'
TLS_DISABLED='$TLS_DISABLED'
NETWORK_DRIVER='$NETWORK_DRIVER'
FLANNEL_NETWORK_CIDR='$FLANNEL_NETWORK_CIDR'
FLANNEL_NETWORK_SUBNETLEN='$FLANNEL_NETWORK_SUBNETLEN'
FLANNEL_USE_VXLAN='$FLANNEL_USE_VXLAN'
FLANNEL_BACKEND='$FLANNEL_BACKEND'
SWARM_PORT='$SWARM_PORT'
SWARM_VERSION='$SWARM_VERSION'
EOF
chmod 0600 /etc/sysconfig/heat-params

# Values every script derives the same way, kept next to the parameters.
# (Below, parameters are written as ${NAME} so that Heat's str_replace, which
# replaces $NAME, leaves them alone.)
. /etc/sysconfig/heat-params

# Heat renders booleans as True/False or true/false depending on the template
# version; normalise to lower case once.
tls_disabled=$(echo "${TLS_DISABLED}" | tr '[:upper:]' '[:lower:]')
[ "$tls_disabled" = "true" ] || tls_disabled=false

# Swarm discovery: a swarm-native URL is used as it is; otherwise the URL is an
# etcd discovery URL that bootstraps the masters' etcd cluster, and swarm keeps
# its registry in that etcd cluster (reached through the etcd load balancer).
case "${DISCOVERY_URL}" in
    token://*|etcd://*|consul://*|zk://*|nodes://*|file://*)
        swarm_discovery="${DISCOVERY_URL}"
        etcd_discovery=""
        ;;
    *)
        swarm_discovery="etcd://${ETCD_SERVER_IP}:2379/swarm"
        etcd_discovery="${DISCOVERY_URL}"
        ;;
esac

# Whatever no_proxy says, the bay's own addresses never go through a proxy.
no_proxy_all="${NO_PROXY}"
for host in localhost 127.0.0.1 "${SWARM_NODE_IP}" "${SWARM_API_IP}" "${ETCD_SERVER_IP}" "${API_IP_ADDRESS}"; do
    [ -n "$host" ] || continue
    case ",$no_proxy_all," in *",$host,"*) continue ;; esac
    no_proxy_all="${no_proxy_all:+$no_proxy_all,}$host"
done

cat >> /etc/sysconfig/heat-params <<EOF
TLS_DISABLED_NORMALISED='$tls_disabled'
NO_PROXY_ALL='$no_proxy_all'
SWARM_DISCOVERY='$swarm_discovery'
ETCD_DISCOVERY_URL='$etcd_discovery'
EOF
