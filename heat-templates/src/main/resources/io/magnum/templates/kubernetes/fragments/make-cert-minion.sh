#!/bin/bash
# Gets this minion its TLS material from Magnum, unless the bay has TLS off:
#   GET  $MAGNUM_URL/certificates/$BAY_UUID  -> the bay's CA certificate
#   POST $MAGNUM_URL/certificates            -> a client certificate for a
#        CSR made here, which kubelet and kube-proxy present to the API.
# Both requests carry the bay owner's token (X-Auth-Token: $USER_TOKEN).
# Writes /srv/kubernetes/{ca.crt,client.key,client.crt};
# configure-kubernetes-minion.sh points the kubeconfig at them.

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
CLIENT_KEY=$CERT_DIR/client.key
CLIENT_CSR=$CERT_DIR/client.csr
CLIENT_CERT=$CERT_DIR/client.crt
CLIENT_CONF=$CERT_DIR/client.conf

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

mkdir -p "$CERT_DIR"

echo "make-cert: fetching the CA of bay $BAY_UUID"
if ! magnum_request GET "$MAGNUM_URL/certificates/$BAY_UUID" | pem_member > "$CA_CERT"; then
    echo "make-cert: could not get the bay CA from $MAGNUM_URL" >&2
    exit 1
fi

cat > "$CLIENT_CONF" <<EOF_CONF
[req]
distinguished_name = req_distinguished_name
req_extensions = req_ext
prompt = no

[req_distinguished_name]
CN = kubelet

[req_ext]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth
subjectAltName = IP:${KUBE_NODE_IP}
EOF_CONF

openssl genrsa -out "$CLIENT_KEY" 2048
chmod 0400 "$CLIENT_KEY"
openssl req -new -key "$CLIENT_KEY" -out "$CLIENT_CSR" -config "$CLIENT_CONF"

echo "make-cert: having the client certificate signed"
if ! magnum_request POST "$MAGNUM_URL/certificates" "$(csr_body "$CLIENT_CSR")" | pem_member > "$CLIENT_CERT"; then
    echo "make-cert: Magnum did not sign the client certificate" >&2
    exit 1
fi

# kubelet and kube-proxy run as root; the kube group may read too
if getent group kube >/dev/null 2>&1; then
    chown -R root:kube "$CERT_DIR"
    chmod 0440 "$CLIENT_KEY"
fi
chmod 0750 "$CERT_DIR"
chmod 0444 "$CA_CERT" "$CLIENT_CERT"

echo "make-cert: wrote $CA_CERT, $CLIENT_CERT and $CLIENT_KEY"
