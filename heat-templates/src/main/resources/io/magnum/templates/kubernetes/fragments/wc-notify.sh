#!/bin/bash
# Tells Heat this node is up, through the node's WaitConditionHandle (the
# curl command line below is the handle's curl_cli, put in by str_replace):
# SUCCESS once kube-apiserver (master) or the kubelet (minion) answers its
# health check, FAILURE with the reason if it does not within 30 minutes.
# The last part of every node's user data.

. /etc/sysconfig/heat-params

HEALTH_WAIT_SECONDS=1800

# signal STATUS REASON: reports to Heat, retrying while Heat is unreachable
signal() {
    local body attempt
    body="$(printf '{"status": "%s", "reason": "%s", "data": "%s"}' "$1" "$2" "$KUBE_NODE_IP")"
    for attempt in $(seq 1 30); do
        if $WAIT_CURL --fail --data-binary "$body"; then
            echo
            echo "wc-notify: reported $1 to Heat"
            return 0
        fi
        echo "wc-notify: could not reach Heat (attempt $attempt), retrying" >&2
        sleep 10
    done
    return 1
}

if [ "$NODE_ROLE" = "master" ]; then
    KUBE_LOCAL_API_URL="http://127.0.0.1:8080"
    [ -f /etc/kubernetes/local-api.env ] && . /etc/kubernetes/local-api.env
    what="kube-apiserver"
    health_url="${KUBE_LOCAL_API_URL}/healthz"
else
    what="kubelet"
    health_url="http://127.0.0.1:10248/healthz"
fi

deadline=$((SECONDS + HEALTH_WAIT_SECONDS))
until curl -sf --noproxy "*" --max-time 5 -o /dev/null "$health_url"; do
    if [ "$SECONDS" -ge "$deadline" ]; then
        echo "wc-notify: $what did not answer at $health_url" >&2
        signal FAILURE "$what on ${KUBE_NODE_IP} did not become healthy within ${HEALTH_WAIT_SECONDS}s"
        exit 1
    fi
    echo "wc-notify: waiting for $what at $health_url"
    sleep 5
done

signal SUCCESS "$what is up on ${KUBE_NODE_IP}"
