package io.magnum.core.cloud.openstack;

import org.openstack4j.api.types.ServiceType;

/** The OpenStack services magnum4j talks to, with the names its messages use. */
public enum OpenStackService
{
    KEYSTONE("Keystone", ServiceType.IDENTITY),
    HEAT("Heat", ServiceType.ORCHESTRATION),
    NOVA("Nova", ServiceType.COMPUTE),
    GLANCE("Glance", ServiceType.IMAGE),
    NEUTRON("Neutron", ServiceType.NETWORK);

    private final String displayName;
    private final ServiceType type;

    OpenStackService(String displayName, ServiceType type)
    {
        this.displayName = displayName;
        this.type = type;
    }

    ServiceType type()
    {
        return type;
    }

    /** @return the catalog type, such as {@code orchestration} */
    public String catalogType()
    {
        return type.getType();
    }

    @Override
    public String toString()
    {
        return displayName;
    }
}
