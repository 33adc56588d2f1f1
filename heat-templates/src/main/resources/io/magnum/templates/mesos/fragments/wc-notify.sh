#!/bin/bash
# Last boot script: waits for this server's services to run, then signals the
# server's Heat wait condition with SUCCESS, or with FAILURE and the reason
# when a boot script recorded a failure or a service never came up. Heat
# fills in the wait condition handle's curl command line (curl_cli) and the
# services to wait for.

. /etc/sysconfig/heat-params

services="$WAIT_SERVICES"
failures=/var/lib/magnum/boot-failures
deadline=$(( $(date +%s) + 900 ))
myip="${MESOS_MASTER_IP:-$MESOS_SLAVE_IP}"

running() {
    if [ -d /run/systemd/system ]; then
        systemctl is-active --quiet "$1"
    elif command -v initctl >/dev/null 2>&1 && initctl status "$1" >/dev/null 2>&1; then
        initctl status "$1" | grep -q "start/running"
    else
        service "$1" status >/dev/null 2>&1
    fi
}

status=SUCCESS
reason="mesos $NODE_ROLE $myip is up"

if [ -s "$failures" ]; then
    status=FAILURE
    reason=$(tr '\n' ';' < "$failures")
else
    for service in $services; do
        until running "$service"; do
            if [ "$(date +%s)" -ge "$deadline" ]; then
                status=FAILURE
                reason="$service did not start on $myip"
                break 2
            fi
            echo "waiting for $service"
            sleep 5
        done
    done
fi

# Keep the JSON valid whatever the reason says.
reason=$(echo "$reason" | tr -d '"\\' | tr -s ' ')
payload="{\"status\": \"$status\", \"reason\": \"$reason\", \"data\": \"$myip\"}"

echo "notifying heat: $status ($reason)"
for attempt in 1 2 3 4 5; do
    if WC_NOTIFY_CURL --data-binary "$payload"; then
        exit 0
    fi
    echo "signal attempt $attempt failed, retrying"
    sleep 10
done
exit 1
