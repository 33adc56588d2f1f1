#!/bin/bash
# Gets this master its TLS material from Magnum, unless the bay has TLS off:
#   GET  $MAGNUM_URL/certificates/$BAY_UUID  -> the bay's CA certificate
#   POST $MAGNUM_URL/certificates            -> a server certificate for a
#        CSR made here, valid for every address the API is reached by (this
#        master, the load balancer's VIP and floating IP, the first service
#        IP, localhost) and Kubernetes' in-cluster names.
# Both requests carry the bay owner's token (X-Auth-Token: $USER_TOKEN).
# Writes /srv/kubernetes/{ca.crt,server.key,server.crt} for kube-apiserver.

set -o pipefail

. /etc/sysconfig/heat-params

case "$(echo "$TLS_DISABLED" | tr '[:upper:]' '[:lower:]')" in
    true|1|yes)
        echo "make-cert: TLS is disabled for this bay"
        exit 0
        ;;
esac

[ -n "$HTTP_PROXY" ] && export http_proxy="$HTTP_PROXY"
[ -n "$HTTPS_PROXY" ] && export https_proxy="$HTTPS_PROXY"
[ -n "$NO_PROXY" ] && export no_proxy="$NO_PROXY"

CERT_DIR=/srv/kubernetes
CA_CERT=$CERT_DIR/ca.crt
SERVER_KEY=$CERT_DIR/server.key
SERVER_CSR=$CERT_DIR/server.csr
SERVER_CERT=$CERT_DIR/server.crt
SERVER_CONF=$CERT_DIR/server.conf

PYTHON="$(command -v python3 || command -v python || command -v python2 || true)"

# magnum_request METHOD URL [BODY]: prints the response body; retries a while
magnum_request() {
    local method="$1" url="$2" body="${3:-}" response attempt
    local args=(-sf --max-time 60 -X "$method" -H "X-Auth-Token: $USER_TOKEN" -H "Accept: application/json")
    if [ -n "$body" ]; then
        args+=(-H "Content-Type: application/json" --data-binary "$body")
    fi
    for attempt in $(seq 1 20); do
        if response="$(curl "${args[@]}" "$url")" && [ -n "$response" ]; then
            printf '%s' "$response"
            return 0
        fi
        echo "make-cert: $method $url failed (attempt $attempt), retrying" >&2
        sleep 6
    done
    return 1
}

# pem_member: the "pem" member of the JSON document on stdin
pem_member() {
    if [ -n "$PYTHON" ]; then
        "$PYTHON" -c 'import json, sys; sys.stdout.write(json.load(sys.stdin)["pem"].strip() + "\n")'
    else
        sed -n -e 's/.*"pem" *: *"\([^"]*\)".*/\1/p' | sed -e 's/\\n/\n/g' -e 's/\\\//\//g'
    fi
}

# csr_body FILE: the JSON body Magnum signs a CSR from
csr_body() {
    if [ -n "$PYTHON" ]; then
        "$PYTHON" -c 'import json, sys; print(json.dumps({"bay_uuid": sys.argv[1], "csr": open(sys.argv[2]).read()}))' \
            "$BAY_UUID" "$1"
    else
        printf '{"bay_uuid": "%s", "csr": "%s"}' "$BAY_UUID" "$(awk '{printf "%s\\n", $0}' "$1")"
    fi
}

# first_ip CIDR: the first host address of a network (Kubernetes gives it to
# the "kubernetes" service)
first_ip() {
    local a b c d n
    IFS=. read -r a b c d <<< "${1%/*}"
    n=$(( (a << 24) + (b << 16) + (c << 8) + d + 1 ))
    echo "$(( (n >> 24) & 255 )).$(( (n >> 16) & 255 )).$(( (n >> 8) & 255 )).$(( n & 255 ))"
}

mkdir -p "$CERT_DIR"

# this master's own floating IP, when the metadata service knows it
own_public_ip="$(curl -sf --noproxy "*" --max-time 10 http://169.254.169.254/latest/meta-data/public-ipv4 || true)"

sans=""
for ip in "$KUBE_NODE_IP" "$KUBE_API_PRIVATE_ADDRESS" "$KUBE_API_PUBLIC_ADDRESS" "$own_public_ip" \
          "$(first_ip "${PORTAL_NETWORK_CIDR:-10.254.0.0/16}")" 127.0.0.1; do
    if [ -n "$ip" ] && [[ ",$sans," != *",IP:$ip,"* ]]; then
        sans="${sans:+$sans,}IP:$ip"
    fi
done
for name in kubernetes kubernetes.default kubernetes.default.svc kubernetes.default.svc.cluster.local \
            "$(hostname -s 2>/dev/null)"; do
    if [ -n "$name" ]; then
        sans="$sans,DNS:$name"
    fi
done

echo "make-cert: fetching the CA of bay $BAY_UUID"
if ! magnum_request GET "$MAGNUM_URL/certificates/$BAY_UUID" | pem_member > "$CA_CERT"; then
    echo "make-cert: could not get the bay CA from $MAGNUM_URL" >&2
    exit 1
fi

cat > "$SERVER_CONF" <<EOF_CONF
[req]
distinguished_name = req_distinguished_name
req_extensions = req_ext
prompt = no

[req_distinguished_name]
CN = kubernetes

[req_ext]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectAltName = ${sans}
EOF_CONF

openssl genrsa -out "$SERVER_KEY" 2048
chmod 0400 "$SERVER_KEY"
openssl req -new -key "$SERVER_KEY" -out "$SERVER_CSR" -config "$SERVER_CONF"

echo "make-cert: having the server certificate signed ($sans)"
if ! magnum_request POST "$MAGNUM_URL/certificates" "$(csr_body "$SERVER_CSR")" | pem_member > "$SERVER_CERT"; then
    echo "make-cert: Magnum did not sign the server certificate" >&2
    exit 1
fi

# kube-apiserver runs as the kube user
if id kube >/dev/null 2>&1; then
    chown -R kube:kube "$CERT_DIR"
fi
chmod 0750 "$CERT_DIR"
chmod 0444 "$CA_CERT" "$SERVER_CERT"

echo "make-cert: wrote $CA_CERT, $SERVER_CERT and $SERVER_KEY"
