#!/bin/bash
# Gives docker the Cinder volume attached to this slave, when the bay has
# docker_volume_size > 0: waits for the disk to appear, makes a filesystem on
# it and mounts it on /var/lib/docker before docker first starts.

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

# A new volume has no filesystem; never reformat one that has.
if ! blkid "$device_path" >/dev/null 2>&1; then
    mkfs.ext4 -q -L docker "$device_path" || fail "mkfs.ext4 failed on $device_path"
fi

if [ -d /run/systemd/system ]; then
    systemctl stop docker 2>/dev/null
else
    service docker stop 2>/dev/null
fi

mkdir -p /var/lib/docker
uuid=$(blkid -s UUID -o value "$device_path")
[ -n "$uuid" ] || fail "no filesystem UUID on $device_path"
grep -q "UUID=$uuid" /etc/fstab || echo "UUID=$uuid /var/lib/docker ext4 defaults,nofail 0 2" >> /etc/fstab
mount /var/lib/docker || fail "could not mount $device_path on /var/lib/docker"
echo "docker storage on $device_path"
