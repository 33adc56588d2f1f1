#!/bin/bash
# Last boot script: waits for this server's services to come up, then signals
# the server's Heat wait condition with SUCCESS, or with FAILURE and the reason
# when a boot script recorded a failure or a service never became active.
# Heat fills in the wait condition handle's curl command line (curl_cli) and
# the list of systemd units to wait for.

. /etc/sysconfig/heat-params

services="$WAIT_SERVICES"
failures=/var/lib/magnum/boot-failures
deadline=$(( $(date +%s) + 900 ))

status=SUCCESS
reason="swarm $NODE_ROLE $SWARM_NODE_IP is up"

if [ -s "$failures" ]; then
    status=FAILURE
    reason=$(tr '\n' ';' < "$failures")
else
    for service in $services; do
        until systemctl is-active --quiet "$service"; do
            if [ "$(date +%s)" -ge "$deadline" ]; then
                status=FAILURE
                reason="$service did not start on $SWARM_NODE_IP"
                break 2
            fi
            echo "waiting for $service"
            sleep 5
        done
    done
fi

# Keep the JSON valid whatever the reason says.
reason=$(echo "$reason" | tr -d '"\\' | tr -s ' ')
payload="{\"status\": \"$status\", \"reason\": \"$reason\", \"data\": \"$SWARM_NODE_IP\"}"

echo "notifying heat: $status ($reason)"
for attempt in 1 2 3 4 5; do
    if WC_NOTIFY_CURL --data-binary "$payload"; then
        exit 0
    fi
    echo "signal attempt $attempt failed, retrying"
    sleep 10
done
exit 1
