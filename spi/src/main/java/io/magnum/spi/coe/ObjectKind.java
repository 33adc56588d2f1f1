package io.magnum.spi.coe;

/** The manifest objects of the seed's Kubernetes bays. */
public enum ObjectKind
{
    /** A pod ({@code pod-*} commands). */
    POD("Pod"),
    /** A service ({@code coe-service-*} commands). */
    SERVICE("Service"),
    /** A replication controller ({@code rc-*} commands). */
    REPLICATION_CONTROLLER("ReplicationController");

    private final String kind;

    ObjectKind(String kind)
    {
        this.kind = kind;
    }

    /** @return the {@code kind} a manifest of this object names, such as {@code ReplicationController} */
    public String manifestKind()
    {
        return kind;
    }
}
