#!/bin/bash
# Configures this minion's kubelet and kube-proxy (Fedora's /etc/kubernetes/*
# environment files): both reach the API through the load balancer in
# front of the masters, over HTTPS with make-cert's client certificate
# (through /etc/kubernetes/kubeconfig) unless the bay has TLS off. The node
# registers under its private IP address, which is also how
# minions_to_remove names it.

. /etc/sysconfig/heat-params

is_true() {
    case "$(echo "$1" | tr '[:upper:]' '[:lower:]')" in
        true|1|yes) return 0 ;;
        *) return 1 ;;
    esac
}

CERT_DIR=/srv/kubernetes
KUBECONFIG_FILE=/etc/kubernetes/kubeconfig
mkdir -p /etc/kubernetes /etc/kubernetes/manifests

if is_true "$TLS_DISABLED"; then
    master_uri="http://${KUBE_MASTER_IP}:${KUBE_API_PORT}"
    kubeconfig_arg=""
else
    master_uri="https://${KUBE_MASTER_IP}:${KUBE_API_PORT}"
    kubeconfig_arg="--kubeconfig=${KUBECONFIG_FILE}"
    cat > "$KUBECONFIG_FILE" <<EOF_KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: bay
  cluster:
    server: ${master_uri}
    certificate-authority: ${CERT_DIR}/ca.crt
users:
- name: node
  user:
    client-certificate: ${CERT_DIR}/client.crt
    client-key: ${CERT_DIR}/client.key
contexts:
- name: bay
  context:
    cluster: bay
    user: node
current-context: bay
EOF_KUBECONFIG
    chmod 0644 "$KUBECONFIG_FILE"
fi

cat > /etc/kubernetes/config <<EOF_CONFIG
# written by magnum4j's configure-kubernetes-minion.sh
KUBE_LOGTOSTDERR="--logtostderr=true"
KUBE_LOG_LEVEL="--v=0"
KUBE_ALLOW_PRIV="--allow-privileged=${KUBE_ALLOW_PRIV:-true}"
KUBE_MASTER="--master=${master_uri}"
EOF_CONFIG

cat > /etc/kubernetes/kubelet <<EOF_KUBELET
# written by magnum4j's configure-kubernetes-minion.sh
KUBELET_ADDRESS="--address=0.0.0.0"
KUBELET_PORT="--port=10250"
KUBELET_HOSTNAME="--hostname-override=${KUBE_NODE_IP}"
KUBELET_API_SERVER="--api-servers=${master_uri}"
KUBELET_ARGS="--register-node=true --config=/etc/kubernetes/manifests --cadvisor-port=4194 ${kubeconfig_arg}"
EOF_KUBELET

cat > /etc/kubernetes/proxy <<EOF_PROXY
# written by magnum4j's configure-kubernetes-minion.sh
KUBE_PROXY_ARGS="--hostname-override=${KUBE_NODE_IP} ${kubeconfig_arg}"
EOF_PROXY

chmod 0644 /etc/kubernetes/config /etc/kubernetes/kubelet /etc/kubernetes/proxy

# kubectl on the node finds the API
sed -i '/^KUBERNETES_MASTER=/d' /etc/environment 2>/dev/null || true
echo "KUBERNETES_MASTER=${master_uri}" >> /etc/environment

echo "configure-kubernetes-minion: API at ${master_uri}, node name ${KUBE_NODE_IP}"
