#!/bin/bash
# Configures this master's Kubernetes control plane (Fedora's
# /etc/kubernetes/* environment files read by the kube-* systemd units):
#  - kube-apiserver stores its state in the local etcd member. With TLS it
#    serves the API on $KUBE_API_PORT with make-cert's server certificate,
#    trusts client certificates signed by the bay CA, and keeps its
#    insecure port on localhost for the other control-plane services; with
#    TLS off it serves plain HTTP on $KUBE_API_PORT on every address.
#  - kube-controller-manager and kube-scheduler talk to the local
#    apiserver and, when the installed version can, elect a leader among
#    the masters.

. /etc/sysconfig/heat-params

is_true() {
    case "$(echo "$1" | tr '[:upper:]' '[:lower:]')" in
        true|1|yes) return 0 ;;
        *) return 1 ;;
    esac
}

CERT_DIR=/srv/kubernetes
mkdir -p /etc/kubernetes /etc/kubernetes/manifests

if is_true "$TLS_DISABLED"; then
    local_port="$KUBE_API_PORT"
    api_address="--insecure-bind-address=0.0.0.0"
    api_port="--insecure-port=${KUBE_API_PORT} --secure-port=0"
    tls_args=""
else
    local_port=8080
    if [ "$KUBE_API_PORT" = "8080" ]; then
        local_port=8081
    fi
    api_address="--insecure-bind-address=127.0.0.1 --bind-address=0.0.0.0"
    api_port="--insecure-port=${local_port} --secure-port=${KUBE_API_PORT}"
    tls_args="--tls-cert-file=${CERT_DIR}/server.crt --tls-private-key-file=${CERT_DIR}/server.key"
    tls_args="${tls_args} --client-ca-file=${CERT_DIR}/ca.crt"
fi
local_api="http://127.0.0.1:${local_port}"

# where the services on this master (and wc-notify) reach the API
cat > /etc/kubernetes/local-api.env <<EOF_LOCAL
KUBE_LOCAL_API_URL="${local_api}"
EOF_LOCAL

cat > /etc/kubernetes/config <<EOF_CONFIG
# written by magnum4j's configure-kubernetes-master.sh
KUBE_LOGTOSTDERR="--logtostderr=true"
KUBE_LOG_LEVEL="--v=0"
KUBE_ALLOW_PRIV="--allow-privileged=${KUBE_ALLOW_PRIV:-true}"
KUBE_MASTER="--master=${local_api}"
EOF_CONFIG

cat > /etc/kubernetes/apiserver <<EOF_APISERVER
# written by magnum4j's configure-kubernetes-master.sh
KUBE_API_ADDRESS="${api_address}"
KUBE_API_PORT="${api_port}"
KUBE_ETCD_SERVERS="--etcd-servers=http://127.0.0.1:2379"
KUBE_SERVICE_ADDRESSES="--service-cluster-ip-range=${PORTAL_NETWORK_CIDR}"
KUBE_ADMISSION_CONTROL="--admission-control=NamespaceLifecycle,LimitRanger,ResourceQuota"
KUBE_API_ARGS="--advertise-address=${KUBE_NODE_IP} --runtime-config=api/all=true ${tls_args}"
EOF_APISERVER

leader_elect=""
if kube-controller-manager --help 2>&1 | grep -q -- '--leader-elect'; then
    leader_elect="--leader-elect=true"
fi
cat > /etc/kubernetes/controller-manager <<EOF_CM
# written by magnum4j's configure-kubernetes-master.sh
KUBE_CONTROLLER_MANAGER_ARGS="${leader_elect}"
EOF_CM

leader_elect=""
if kube-scheduler --help 2>&1 | grep -q -- '--leader-elect'; then
    leader_elect="--leader-elect=true"
fi
cat > /etc/kubernetes/scheduler <<EOF_SCHED
# written by magnum4j's configure-kubernetes-master.sh
KUBE_SCHEDULER_ARGS="${leader_elect}"
EOF_SCHED

chmod 0644 /etc/kubernetes/config /etc/kubernetes/apiserver /etc/kubernetes/controller-manager \
    /etc/kubernetes/scheduler /etc/kubernetes/local-api.env

echo "configure-kubernetes-master: API on port ${KUBE_API_PORT}, local API ${local_api}"
