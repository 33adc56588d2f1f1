package io.magnum.local.heat;

/** What the engine asks of the cloud's inventory for custom constraints and resource checks. */
interface Inventory
{
    boolean hasFlavor(String idOrName);

    boolean hasImage(String idOrName);

    boolean hasKeypair(String name);

    /** @return the network's id if it exists, else null */
    String networkId(String idOrName);

    boolean isExternalNetwork(String idOrName);
}
