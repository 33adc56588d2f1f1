#!/bin/bash
# TLS on: fetches the bay's CA certificate from Magnum, makes a key and a CSR
# for this server (its private, floating and load balancer addresses as
# subject alternative names), has Magnum sign it, and leaves ca.crt,
# server.key and server.crt in /etc/docker for docker and swarm.

. /etc/sysconfig/heat-params

fail() {
    echo "make-cert: $*" >&2
    echo "make-cert: $*" >> /var/lib/magnum/boot-failures
    exit 1
}

if [ "$TLS_DISABLED_NORMALISED" = "true" ]; then
    echo "TLS disabled: no certificates"
    exit 0
fi

cert_dir=/etc/docker
conf_dir=$cert_dir/conf
mkdir -p "$conf_dir"
chmod 0700 "$conf_dir"

# Reads a JSON document on stdin and prints the value of its "pem" member.
pem_of() {
    local py
    py=$(command -v python3 || command -v python)
    if [ -n "$py" ]; then
        "$py" -c 'import json, sys; sys.stdout.write(json.load(sys.stdin)["pem"])'
    else
        sed -e 's/.*"pem" *: *"//' -e 's/".*//' -e 's/\\n/\n/g'
    fi
}

# Builds the JSON body of the signing request: {"bay_uuid": ..., "csr": ...}.
csr_body() {
    local py
    py=$(command -v python3 || command -v python)
    if [ -n "$py" ]; then
        "$py" -c 'import json, sys; print(json.dumps({"bay_uuid": sys.argv[1], "csr": open(sys.argv[2]).read()}))' \
            "$BAY_UUID" "$1"
    else
        printf '{"bay_uuid": "%s", "csr": "%s"}' "$BAY_UUID" "$(awk '{printf "%s\\n", $0}' "$1")"
    fi
}

magnum_get() {
    curl -sf --retry 10 --retry-delay 5 \
        -H "X-Auth-Token: $USER_TOKEN" -H "Accept: application/json" "$@"
}

# 1. The bay's CA.
ca_json=$(magnum_get "$MAGNUM_URL/certificates/$BAY_UUID") \
    || fail "could not fetch the CA from $MAGNUM_URL/certificates/$BAY_UUID"
echo "$ca_json" | pem_of > "$cert_dir/ca.crt"
grep -q "BEGIN CERTIFICATE" "$cert_dir/ca.crt" || fail "no CA certificate in Magnum's answer"

# 2. The server's key and CSR.
sans=""
for ip in "$SWARM_NODE_PUBLIC_IP" "$API_IP_ADDRESS" "$SWARM_NODE_IP" "$SWARM_API_IP" 127.0.0.1; do
    [ -n "$ip" ] || continue
    case ",$sans," in *",IP:$ip,"*) continue ;; esac
    sans="${sans:+$sans,}IP:$ip"
done

cat > "$conf_dir/server.conf" <<EOF
[req]
distinguished_name = req_distinguished_name
req_extensions     = req_ext
prompt             = no
[req_distinguished_name]
CN = swarm.invalid
[req_ext]
subjectAltName   = $sans
keyUsage         = critical, digitalSignature, keyEncipherment
extendedKeyUsage = clientAuth, serverAuth
EOF

(umask 077; openssl genrsa -out "$cert_dir/server.key" 4096) \
    || fail "openssl genrsa failed"
openssl req -new -key "$cert_dir/server.key" -out "$conf_dir/server.csr" \
    -config "$conf_dir/server.conf" || fail "openssl req failed"

# 3. Magnum signs it.
csr_body "$conf_dir/server.csr" > "$conf_dir/server.json"
cert_json=$(curl -sf --retry 10 --retry-delay 5 -X POST \
    -H "X-Auth-Token: $USER_TOKEN" -H "Content-Type: application/json" \
    -H "Accept: application/json" --data-binary @"$conf_dir/server.json" \
    "$MAGNUM_URL/certificates") || fail "Magnum did not sign the CSR"
echo "$cert_json" | pem_of > "$cert_dir/server.crt"
grep -q "BEGIN CERTIFICATE" "$cert_dir/server.crt" || fail "no certificate in Magnum's answer"

chmod 0600 "$cert_dir/server.key"
chmod 0644 "$cert_dir/ca.crt" "$cert_dir/server.crt"
echo "certificates written to $cert_dir (SANs $sans)"
