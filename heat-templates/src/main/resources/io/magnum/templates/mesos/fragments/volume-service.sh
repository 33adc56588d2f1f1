#!/bin/bash
# With volume_driver rexray: installs REX-Ray if the image lacks it, points it
# at Cinder with the bay owner's credentials (preempt as rexray_preempt says)
# and starts it, so that docker and Mesos tasks can use Cinder volumes.

. /etc/sysconfig/heat-params

fail() {
    echo "volume-service: $*" >&2
    echo "volume-service: $*" >> /var/lib/magnum/boot-failures
    exit 1
}

if [ "$VOLUME_DRIVER" != "rexray" ]; then
    echo "volume driver '${VOLUME_DRIVER}': nothing to configure"
    exit 0
fi

if ! command -v rexray >/dev/null 2>&1; then
    curl -sSL https://rexray.io/install | sh -s -- stable || fail "could not install REX-Ray"
fi

# Values go into YAML single-quoted strings: double any single quote.
yaml() {
    printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"
}

preempt=$(echo "${REXRAY_PREEMPT:-false}" | tr '[:upper:]' '[:lower:]')
[ "$preempt" = "true" ] || preempt=false

mkdir -p /etc/rexray
umask 077
{
    echo "rexray:"
    echo "  logLevel: warn"
    echo "libstorage:"
    echo "  service: cinder"
    echo "  integration:"
    echo "    volume:"
    echo "      operations:"
    echo "        mount:"
    echo "          preempt: $preempt"
    echo "cinder:"
    echo "  authURL: $(yaml "$AUTH_URL")"
    echo "  username: $(yaml "$USERNAME")"
    echo "  password: $(yaml "$PASSWORD")"
    echo "  tenantName: $(yaml "$TENANT_NAME")"
    [ -n "$REGION_NAME" ] && echo "  regionName: $(yaml "$REGION_NAME")"
    # Keystone v3 needs the user's domain.
    [ -n "$DOMAIN_NAME" ] && echo "  domainName: $(yaml "$DOMAIN_NAME")"
} > /etc/rexray/config.yml

if [ -d /run/systemd/system ]; then
    systemctl enable rexray 2>/dev/null
    systemctl restart rexray || fail "REX-Ray did not start"
else
    rexray service start 2>/dev/null || service rexray start || fail "REX-Ray did not start"
fi
echo "REX-Ray configured for Cinder (preempt $preempt)"
