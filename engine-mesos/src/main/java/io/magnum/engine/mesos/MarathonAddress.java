package io.magnum.engine.mesos;

import java.net.URI;
import java.net.URISyntaxException;

import io.magnum.spi.coe.CoeException;

/**
 * Turns a Mesos bay's {@code api_address} into Marathon's base URL.
 *
 * <p>Magnum's Mesos template gives the masters' load balancer address alone ({@code 172.24.4.3}), with Marathon on
 * port 8080 and the Mesos master on 5050 behind it; Magnum never puts TLS in front of Marathon. So a bare host (or
 * {@code host:port}) becomes {@code http://host:8080} (or {@code http://host:port}), and an address that names its
 * scheme is kept, with Marathon's default port (8080 for http, 8443 for https) when it has none. A path
 * ({@code http://dcos/marathon}) is kept as the base of every call.
 */
final class MarathonAddress
{
    /** Marathon's default HTTP port. */
    static final int HTTP_PORT = 8080;
    /** Marathon's default HTTPS port. */
    static final int HTTPS_PORT = 8443;

    private MarathonAddress()
    {
    }

    /**
     * @param apiAddress the bay's api_address
     * @return the base URL, without a trailing slash
     * @throws CoeException {@code INVALID} (field {@code api_address}) when it is not an address
     */
    static URI of(String apiAddress)
    {
        String address = apiAddress == null ? "" : apiAddress.strip();
        if (address.isEmpty()) {
            throw CoeException.invalid("api_address", "the bay has no api_address");
        }
        if (!address.contains("://")) {
            address = "http://" + bracketBareIpv6(address);
        }
        URI uri;
        try {
            uri = new URI(address);
        }
        catch (URISyntaxException e) {
            throw new CoeException(CoeException.Reason.INVALID, "api_address",
                    "api_address " + apiAddress + " is not an address: " + e.getMessage(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw CoeException.invalid("api_address", "Marathon is reached over http, not " + scheme + " (" + apiAddress + ")");
        }
        if (uri.getHost() == null) {
            throw CoeException.invalid("api_address", "api_address " + apiAddress + " names no host");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? HTTPS_PORT : HTTP_PORT;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        // getHost() keeps an IPv6 literal's brackets
        return URI.create(scheme + "://" + uri.getHost() + ":" + port + path);
    }

    /** {@code fd00::5} and {@code fd00::5:8080} cannot be told apart; a bare IPv6 literal is taken as a host. */
    private static String bracketBareIpv6(String address)
    {
        if (!address.startsWith("[") && address.indexOf(':') != address.lastIndexOf(':')) {
            return "[" + address + "]";
        }
        return address;
    }
}
