package io.magnum.api.internal;

import java.util.Locale;

/**
 * A microversion of Magnum's v1 API, as the {@code OpenStack-API-Version: container-infra 1.4} header asks for it.
 * This server speaks 1.1 (the seed era: bay create and update answer with the bay) to 1.5 (1.2: asynchronous bay
 * operations answer 202 with the uuid; 1.3: {@code rollback} on update; 1.4: stats; 1.5: CA rotation). 1.6 and up
 * (quotas, resize, upgrade, nodegroups) need objects the facade does not have yet.
 *
 * @param major the major version, 1
 * @param minor the minor version
 */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion>
{
    public static final String HEADER = "OpenStack-API-Version";
    public static final String MIN_HEADER = "OpenStack-API-Minimum-Version";
    public static final String MAX_HEADER = "OpenStack-API-Maximum-Version";
    public static final String SERVICE = "container-infra";

    public static final ApiVersion MIN = new ApiVersion(1, 1);
    public static final ApiVersion MAX = new ApiVersion(1, 6);

    /** Asynchronous bay and cluster operations (202 with the uuid). */
    public static final ApiVersion ASYNC = new ApiVersion(1, 2);
    /** {@code rollback} on bay and cluster updates. */
    public static final ApiVersion ROLLBACK = new ApiVersion(1, 3);
    /** {@code /v1/stats}. */
    public static final ApiVersion STATS = new ApiVersion(1, 4);
    /** {@code PATCH /v1/certificates/{cluster}}: CA rotation. */
    public static final ApiVersion CA_ROTATION = new ApiVersion(1, 5);
    /** {@code /v1/quotas}. */
    public static final ApiVersion QUOTAS = new ApiVersion(1, 6);

    /**
     * Reads the version header as Magnum does: absent means the minimum, {@code latest} the maximum.
     *
     * @param header the header's value, or null
     * @return the version
     * @throws ApiException 406 for a malformed header or a version outside the supported range
     */
    public static ApiVersion fromHeader(String header)
    {
        if (header == null || header.isBlank()) {
            return MIN;
        }
        String[] parts = header.trim().split("\\s+");
        if (parts.length != 2 || !parts[0].equalsIgnoreCase(SERVICE)) {
            throw new ApiException(406, "Invalid service type for " + HEADER + " header: '" + header
                    + "'; expected '" + SERVICE + " <major>.<minor>' or '" + SERVICE + " latest'");
        }
        if (parts[1].toLowerCase(Locale.ROOT).equals("latest")) {
            return MAX;
        }
        ApiVersion version = parse(parts[1]);
        if (version == null) {
            throw new ApiException(406, "Invalid value for " + HEADER + " header: '" + header + "'");
        }
        if (version.compareTo(MIN) < 0 || version.compareTo(MAX) > 0) {
            throw new ApiException(406, "Version " + version + " was requested but is not supported by this service."
                    + " The supported version range is: [" + MIN.header() + ", " + MAX.header() + "].");
        }
        return version;
    }

    private static ApiVersion parse(String text)
    {
        String[] numbers = text.split("\\.");
        if (numbers.length != 2) {
            return null;
        }
        try {
            return new ApiVersion(Integer.parseInt(numbers[0]), Integer.parseInt(numbers[1]));
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    /** @return whether this version is {@code other} or later */
    public boolean atLeast(ApiVersion other)
    {
        return compareTo(other) >= 0;
    }

    /** @return the header value, {@code container-infra 1.1} */
    public String header()
    {
        return SERVICE + " " + this;
    }

    @Override
    public int compareTo(ApiVersion other)
    {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString()
    {
        return major + "." + minor;
    }
}
