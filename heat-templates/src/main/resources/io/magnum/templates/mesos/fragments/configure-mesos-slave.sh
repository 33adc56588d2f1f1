#!/bin/bash
# Configures mesos-slave on this slave: the masters through ZooKeeper, the
# docker and mesos containerizers, and how long executors have to register.

. /etc/sysconfig/heat-params

fail() {
    echo "configure-mesos-slave: $*" >&2
    echo "configure-mesos-slave: $*" >> /var/lib/magnum/boot-failures
    exit 1
}

myip="$MESOS_SLAVE_IP"
[ -n "$myip" ] || fail "no address for this slave"
[ -n "$MESOS_MASTERS_IPS" ] || fail "no master addresses"

# The hostname must resolve to the private address, not Ubuntu's 127.0.1.1.
sed -i "/^127\.0\.1\.1[[:space:]]/d" /etc/hosts
grep -q "^${myip//./\\.}[[:space:]]" /etc/hosts || echo "$myip $(hostname)" >> /etc/hosts

hosts=""
for ip in $MESOS_MASTERS_IPS; do
    hosts="${hosts:+$hosts,}$ip:2181"
done

mkdir -p /etc/mesos /etc/mesos-slave
echo "zk://$hosts/mesos" > /etc/mesos/zk
echo "$myip" > /etc/mesos-slave/ip
echo "$myip" > /etc/mesos-slave/hostname
echo "docker,mesos" > /etc/mesos-slave/containerizers
echo "${EXECUTOR_REGISTRATION_TIMEOUT:-5mins}" > /etc/mesos-slave/executor_registration_timeout
[ -f /etc/mesos-slave/work_dir ] || echo /var/lib/mesos > /etc/mesos-slave/work_dir

# The image ships the master services as well: they do not run on a slave.
for service in mesos-master zookeeper marathon; do
    [ -d /etc/init ] && echo manual > "/etc/init/$service.override"
    if [ -d /run/systemd/system ]; then
        systemctl disable "$service" 2>/dev/null
    fi
done

echo "mesos slave $myip: masters zk://$hosts/mesos"
