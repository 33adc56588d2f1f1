#!/bin/bash
# Writes /etc/kubernetes/kube_openstack_config, the credentials Kubernetes'
# OpenStack cloud provider would use (e.g. for services of type
# LoadBalancer): the bay's trustee and trust when Magnum made one, else the
# bay owner's name and password. Nothing enables the cloud provider by
# default; an operator adds --cloud-provider=openstack
# --cloud-config=/etc/kubernetes/kube_openstack_config to kube-apiserver and
# kube-controller-manager to use it. Masters only.

. /etc/sysconfig/heat-params

KUBE_OS_CLOUD_CONFIG=/etc/kubernetes/kube_openstack_config
mkdir -p /etc/kubernetes

{
    echo "[Global]"
    if [ -n "$TRUSTEE_USER_ID" ] && [ -n "$TRUST_ID" ]; then
        echo "auth-url=${AUTH_URL}"
        echo "user-id=${TRUSTEE_USER_ID}"
        echo "password=${TRUSTEE_PASSWORD}"
        echo "trust-id=${TRUST_ID}"
        [ -n "$TRUSTEE_DOMAIN_ID" ] && echo "domain-id=${TRUSTEE_DOMAIN_ID}"
    else
        # the provider's username/password login speaks Keystone v2.0
        echo "auth-url=${AUTH_URL/v3/v2.0}"
        echo "username=${USERNAME}"
        echo "password=${PASSWORD}"
        echo "tenant-name=${TENANT_NAME}"
    fi
    echo
    echo "[LoadBalancer]"
    echo "subnet-id=${CLUSTER_SUBNET}"
    echo "create-monitor=yes"
    echo "monitor-delay=1m"
    echo "monitor-timeout=30s"
    echo "monitor-max-retries=3"
} > "$KUBE_OS_CLOUD_CONFIG"

# it holds a password: root, and the kube user the control plane runs as
chmod 0640 "$KUBE_OS_CLOUD_CONFIG"
if getent group kube >/dev/null 2>&1; then
    chown root:kube "$KUBE_OS_CLOUD_CONFIG"
fi

echo "write-kube-os-config: wrote ${KUBE_OS_CLOUD_CONFIG}"
