#!/bin/bash
# Configures ZooKeeper (an ensemble of all the masters), mesos-master (quorum
# from the number of masters, registry in ZooKeeper) and Marathon on this
# master. Every master knows all the masters' addresses from heat-params.

. /etc/sysconfig/heat-params

fail() {
    echo "configure-mesos-master: $*" >&2
    echo "configure-mesos-master: $*" >> /var/lib/magnum/boot-failures
    exit 1
}

myip="$MESOS_MASTER_IP"
[ -n "$myip" ] || fail "no address for this master"
[ -n "$MESOS_MASTERS_IPS" ] || fail "no master addresses"

# The hostname must resolve to the private address, not Ubuntu's 127.0.1.1.
sed -i "/^127\.0\.1\.1[[:space:]]/d" /etc/hosts
grep -q "^${myip//./\\.}[[:space:]]" /etc/hosts || echo "$myip $(hostname)" >> /etc/hosts

######################################################################
# ZooKeeper: one ensemble member per master, id = index + 1.

zk_conf_dir=/etc/zookeeper/conf
mkdir -p "$zk_conf_dir"
touch "$zk_conf_dir/zoo.cfg"
sed -i '/^server\.[0-9]*=/d' "$zk_conf_dir/zoo.cfg"
if ! grep -q '^clientPort=' "$zk_conf_dir/zoo.cfg"; then
    # No packaged configuration: the usual settings.
    cat >> "$zk_conf_dir/zoo.cfg" <<EOF
tickTime=2000
initLimit=10
syncLimit=5
dataDir=/var/lib/zookeeper
clientPort=2181
EOF
fi
id=1
for ip in $MESOS_MASTERS_IPS; do
    echo "server.$id=$ip:2888:3888" >> "$zk_conf_dir/zoo.cfg"
    id=$((id + 1))
done

myid=$(( ${MASTER_INDEX:-0} + 1 ))
echo "$myid" > "$zk_conf_dir/myid"
if [ -d /var/lib/zookeeper ]; then
    echo "$myid" > /var/lib/zookeeper/myid
fi

######################################################################
# Mesos master.

hosts=""
for ip in $MESOS_MASTERS_IPS; do
    hosts="${hosts:+$hosts,}$ip:2181"
done
zk="zk://$hosts"

# A majority of the masters: 1 of 1, 2 of 2 or 3, 3 of 4 or 5.
quorum=$(( ${NUMBER_OF_MASTERS:-1} / 2 + 1 ))

mkdir -p /etc/mesos /etc/mesos-master
echo "$zk/mesos" > /etc/mesos/zk
echo "$myip" > /etc/mesos-master/ip
echo "$myip" > /etc/mesos-master/hostname
echo "$quorum" > /etc/mesos-master/quorum
echo "$CLUSTER_NAME" > /etc/mesos-master/cluster
[ -f /etc/mesos-master/work_dir ] || echo /var/lib/mesos > /etc/mesos-master/work_dir

# The image ships mesos-slave as well: it does not run on a master.
[ -d /etc/init ] && echo manual > /etc/init/mesos-slave.override
if [ -d /run/systemd/system ]; then
    systemctl disable mesos-slave 2>/dev/null
fi

######################################################################
# Marathon: its state and its Mesos master both through ZooKeeper.

mkdir -p /etc/marathon/conf
echo "$zk/mesos" > /etc/marathon/conf/master
echo "$zk/marathon" > /etc/marathon/conf/zk
echo "$myip" > /etc/marathon/conf/hostname

echo "mesos master $myip: ZooKeeper id $myid, quorum $quorum, $zk"
