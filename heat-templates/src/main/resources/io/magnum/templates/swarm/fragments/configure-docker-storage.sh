#!/bin/bash
# Gives docker the Cinder volume attached to this server, when the bay has
# docker_volume_size > 0: waits for the disk to appear, then lets
# docker-storage-setup build docker's thin pool on it in volume group "docker".

. /etc/sysconfig/heat-params

fail() {
    echo "configure-docker-storage: $*" >&2
    echo "configure-docker-storage: $*" >> /var/lib/magnum/boot-failures
    exit 1
}

if [ -z "$DOCKER_VOLUME_ID" ] || [ "${DOCKER_VOLUME_SIZE:-0}" = "0" ]; then
    echo "no docker volume; docker keeps its storage on the root disk"
    exit 0
fi

# Nova's virtio disks show up as /dev/disk/by-id/virtio-<first 20 characters
# of the volume id>; the attachment happens after boot, so wait for it.
short_id=${DOCKER_VOLUME_ID:0:20}
device=""
for attempt in $(seq 1 300); do
    for link in /dev/disk/by-id/*"${short_id}"; do
        [ -e "$link" ] && device="$link" && break
    done
    [ -n "$device" ] && break
    echo "waiting for the docker volume $DOCKER_VOLUME_ID ($attempt)"
    udevadm trigger 2>/dev/null
    sleep 2
done
[ -n "$device" ] || fail "volume $DOCKER_VOLUME_ID never appeared"

device_path=$(readlink -f "$device")
echo "docker volume is $device_path"

cat > /etc/sysconfig/docker-storage-setup <<EOF
DEVS=$device_path
VG=docker
EOF

if command -v docker-storage-setup >/dev/null 2>&1; then
    docker-storage-setup || fail "docker-storage-setup failed on $device_path"
else
    # Without the helper: a volume group and a thin pool for devicemapper.
    pvcreate -f "$device_path" || fail "pvcreate failed on $device_path"
    vgcreate docker "$device_path" || fail "vgcreate failed on $device_path"
    lvcreate --wipesignatures y -n thinpool -l 95%VG docker || fail "lvcreate thinpool failed"
    lvcreate --wipesignatures y -n thinpoolmeta -l 1%VG docker || fail "lvcreate thinpoolmeta failed"
    lvconvert -y --zero n -c 512K --thinpool docker/thinpool \
        --poolmetadata docker/thinpoolmeta || fail "lvconvert failed"
    cat > /etc/sysconfig/docker-storage <<EOF
DOCKER_STORAGE_OPTIONS="--storage-driver devicemapper --storage-opt dm.thinpooldev=/dev/mapper/docker-thinpool --storage-opt dm.use_deferred_removal=true"
EOF
fi
