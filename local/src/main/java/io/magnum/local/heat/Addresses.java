package io.magnum.local.heat;

/** IPv4 arithmetic for the simulated networks. */
final class Addresses
{
    private Addresses()
    {
    }

    static long parse(String ip)
    {
        String[] parts = ip.split("\\.");
        long value = 0;
        for (String part : parts) {
            value = value * 256 + Long.parseLong(part);
        }
        return value;
    }

    static String format(long value)
    {
        return ((value >> 24) & 255) + "." + ((value >> 16) & 255) + "." + ((value >> 8) & 255) + "." + (value & 255);
    }

    static long base(String cidr)
    {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return parse(parts[0]) & mask;
    }

    static long size(String cidr)
    {
        return 1L << (32 - Integer.parseInt(cidr.split("/")[1]));
    }

    static String host(String cidr, long offset)
    {
        return format(base(cidr) + offset);
    }

    static String lastHost(String cidr)
    {
        return format(base(cidr) + size(cidr) - 2);
    }

    static String mac(String seed)
    {
        int hash = seed.hashCode();
        return String.format("fa:16:3e:%02x:%02x:%02x", (hash >> 16) & 255, (hash >> 8) & 255, hash & 255);
    }
}
