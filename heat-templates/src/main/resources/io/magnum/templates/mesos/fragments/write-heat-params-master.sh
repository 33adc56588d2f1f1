#!/bin/bash
# Writes the stack's parameters for this master to /etc/sysconfig/heat-params,
# which every later boot script sources. Heat fills in the $NAME placeholders
# (str_replace) before the script reaches the server; the here-document is
# quoted so that nothing in the values is expanded while writing it.

umask 077
mkdir -p /etc/sysconfig /var/lib/magnum
cat > /etc/sysconfig/heat-params <<'EOF'
NODE_ROLE='master'
MESOS_MASTERS_IPS='$MESOS_MASTERS_IPS'
MESOS_MASTER_IP='$MESOS_MASTER_IP'
MASTER_INDEX='$MASTER_INDEX'
NUMBER_OF_MASTERS='$NUMBER_OF_MASTERS'
CLUSTER_NAME='$CLUSTER_NAME'
HTTP_PROXY='$HTTP_PROXY'
HTTPS_PROXY='$HTTPS_PROXY'
NO_PROXY='$NO_PROXY'
EOF
chmod 0600 /etc/sysconfig/heat-params
echo "heat-params written for master"
