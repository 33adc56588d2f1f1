#!/bin/bash
# Gives docker the Cinder volume kubemaster.yaml/kubeminion.yaml attached
# for it, when docker_volume_size > 0: the volume shows up under
# /dev/disk/by-id named after the first 20 characters of its ID. With
# docker-storage-setup (Atomic) the volume becomes the "docker" volume group
# and its thin pool; elsewhere it is formatted and mounted on
# /var/lib/docker. Without a volume docker keeps the image's storage.

. /etc/sysconfig/heat-params

if [ -z "$DOCKER_VOLUME_ID" ] || [ "${DOCKER_VOLUME_SIZE:-0}" = "0" ]; then
    echo "configure-docker-storage: no docker volume, docker keeps the image's storage"
    exit 0
fi

short_id="${DOCKER_VOLUME_ID:0:20}"
device=""
# the attachment is made after the server boots: wait for it (up to 10 min)
for attempt in $(seq 1 300); do
    for candidate in /dev/disk/by-id/virtio-"${short_id}"* /dev/disk/by-id/*"${short_id}"*; do
        if [ -b "$candidate" ]; then
            device="$(readlink -f "$candidate")"
            break 2
        fi
    done
    if [ $((attempt % 10)) -eq 0 ]; then
        echo "configure-docker-storage: waiting for volume ${DOCKER_VOLUME_ID} (${attempt})"
        udevadm trigger >/dev/null 2>&1 || true
    fi
    sleep 2
done

if [ -z "$device" ]; then
    echo "configure-docker-storage: volume ${DOCKER_VOLUME_ID} never appeared" >&2
    exit 1
fi
echo "configure-docker-storage: volume ${DOCKER_VOLUME_ID} is ${device}"

# docker may already run on the image's storage; nothing of value is there yet
systemctl stop docker >/dev/null 2>&1 || true

if command -v docker-storage-setup >/dev/null 2>&1; then
    cat > /etc/sysconfig/docker-storage-setup <<EOF_DSS
DEVS="${device}"
VG=docker
EOF_DSS
    rm -rf /var/lib/docker/*
    if ! docker-storage-setup; then
        echo "configure-docker-storage: docker-storage-setup failed on ${device}" >&2
        exit 1
    fi
else
    mkfs.xfs -f "$device"
    mkdir -p /var/lib/docker
    rm -rf /var/lib/docker/*
    fs_uuid="$(blkid -s UUID -o value "$device")"
    echo "UUID=${fs_uuid} /var/lib/docker xfs defaults 0 0" >> /etc/fstab
    mount /var/lib/docker
fi

echo "configure-docker-storage: docker stores images and containers on ${device}"
