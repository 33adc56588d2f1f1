#!/bin/bash
# Writes the stack's parameters for this slave to /etc/sysconfig/heat-params,
# which every later boot script sources. Heat fills in the $NAME placeholders
# (str_replace) before the script reaches the server; the here-document is
# quoted so that nothing in the values is expanded while writing it. The file
# holds the REX-Ray password, so only root reads it.

umask 077
mkdir -p /etc/sysconfig /var/lib/magnum
cat > /etc/sysconfig/heat-params <<'EOF'
NODE_ROLE='slave'
MESOS_MASTERS_IPS='$MESOS_MASTERS_IPS'
MESOS_SLAVE_IP='$MESOS_SLAVE_IP'
EXECUTOR_REGISTRATION_TIMEOUT='$EXECUTOR_REGISTRATION_TIMEOUT'
HTTP_PROXY='$HTTP_PROXY'
HTTPS_PROXY='$HTTPS_PROXY'
NO_PROXY='$NO_PROXY'
AUTH_URL='$AUTH_URL'
USERNAME='$USERNAME'
PASSWORD='$PASSWORD'
TENANT_NAME='$TENANT_NAME'
DOMAIN_NAME='$DOMAIN_NAME'
REGION_NAME='$REGION_NAME'
VOLUME_DRIVER='$VOLUME_DRIVER'
REXRAY_PREEMPT='$REXRAY_PREEMPT'
DOCKER_VOLUME_SIZE='$DOCKER_VOLUME_SIZE'
DOCKER_VOLUME_ID='$DOCKER_VOLUME_ID'
EOF
chmod 0600 /etc/sysconfig/heat-params
echo "heat-params written for slave"
