package io.magnum.core.driver;

import io.magnum.ErrorCode;
import io.magnum.MagnumException;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * The loaded COE drivers, keyed by what they provide. Drivers come from {@link ServiceLoader} (our own class
 * loader first, then the thread's context class loader) and from the builder; a key provided twice is an error,
 * never a coin toss.
 */
public final class DriverRegistry implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(DriverRegistry.class);

    private final List<CoeDriver> drivers;
    private final Map<DriverKey, CoeDriver> byKey;

    private DriverRegistry(List<CoeDriver> drivers)
    {
        Map<DriverKey, CoeDriver> keys = new LinkedHashMap<>();
        for (CoeDriver driver : drivers) {
            for (DriverKey key : driver.provides()) {
                CoeDriver previous = keys.putIfAbsent(key, driver);
                if (previous != null) {
                    throw new MagnumException(ErrorCode.INTERNAL, "drivers " + previous.getClass().getName() + " ("
                            + previous.name() + ") and " + driver.getClass().getName() + " (" + driver.name()
                            + ") both provide " + key + "; disable one with disableDriver(name)");
                }
            }
        }
        this.drivers = List.copyOf(drivers);
        this.byKey = Map.copyOf(keys);
    }

    /**
     * Loads the drivers.
     *
     * @param explicit drivers handed to the builder
     * @param discover whether to use {@link ServiceLoader}
     * @param disabled names of drivers to ignore
     * @return the registry
     */
    public static DriverRegistry load(Collection<CoeDriver> explicit, boolean discover, Set<String> disabled)
    {
        Map<String, CoeDriver> byName = new LinkedHashMap<>();
        List<CoeDriver> candidates = new ArrayList<>(explicit);
        if (discover) {
            candidates.addAll(discover(DriverRegistry.class.getClassLoader()));
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            if (context != null && context != DriverRegistry.class.getClassLoader()) {
                candidates.addAll(discover(context));
            }
        }
        for (CoeDriver driver : candidates) {
            String name = checked(driver);
            if (disabled.contains(name)) {
                log.info("Engine driver {} is disabled", name);
                continue;
            }
            CoeDriver previous = byName.get(name);
            if (previous == null) {
                byName.put(name, driver);
            }
            else if (previous.getClass() != driver.getClass()) {
                throw new MagnumException(ErrorCode.INTERNAL, "two drivers are named " + name + ": "
                        + previous.getClass().getName() + " and " + driver.getClass().getName());
            }
            // the same class found through two class loaders (or given and discovered): keep the first
        }
        if (byName.isEmpty()) {
            log.warn("No engine drivers loaded; add io.magnum:magnum-engine-kubernetes (or another engine) as a dependency");
        }
        DriverRegistry registry = new DriverRegistry(new ArrayList<>(byName.values()));
        for (CoeDriver driver : registry.drivers) {
            log.info("Registered engine driver {} for {}", driver.name(), new TreeSet<>(
                    driver.provides().stream().map(DriverKey::toString).toList()));
        }
        return registry;
    }

    private static List<CoeDriver> discover(ClassLoader loader)
    {
        List<CoeDriver> found = new ArrayList<>();
        try {
            for (CoeDriver driver : ServiceLoader.load(CoeDriver.class, loader)) {
                found.add(driver);
            }
        }
        catch (ServiceConfigurationError e) {
            throw new MagnumException(ErrorCode.INTERNAL, "a COE driver on the class path cannot be loaded: "
                    + e.getMessage(), e);
        }
        return found;
    }

    private static String checked(CoeDriver driver)
    {
        String name = driver.name();
        if (name == null || name.isBlank()) {
            throw new MagnumException(ErrorCode.INTERNAL, "driver " + driver.getClass().getName() + " has no name");
        }
        String version = driver.spiVersion();
        if (!CoeDriver.SPI_VERSION.equals(version == null ? null : version.split("\\.")[0])) {
            throw new MagnumException(ErrorCode.INTERNAL, "driver " + name + " was written for SPI version " + version
                    + "; this magnum4j implements version " + CoeDriver.SPI_VERSION);
        }
        Set<DriverKey> provides = driver.provides();
        if (provides == null || provides.isEmpty()) {
            throw new MagnumException(ErrorCode.INTERNAL, "driver " + name + " provides nothing");
        }
        Set<String> networks = driver.networkDrivers();
        if (networks == null || networks.isEmpty() || !networks.contains(driver.defaultNetworkDriver())) {
            throw new MagnumException(ErrorCode.INTERNAL, "driver " + name
                    + " must list its default network driver among its network drivers");
        }
        return name;
    }

    /**
     * @param key what a baymodel needs
     * @return the driver that provides it, or empty
     */
    public Optional<CoeDriver> find(DriverKey key)
    {
        return Optional.ofNullable(byKey.get(key));
    }

    /**
     * @param coe a COE name
     * @return the drivers that provide it, in load order
     */
    public List<CoeDriver> forCoe(String coe)
    {
        return drivers.stream().filter(d -> d.provides().stream().anyMatch(k -> k.coe().equals(coe))).toList();
    }

    /** @return the COEs some driver provides, sorted */
    public Set<String> coes()
    {
        return new TreeSet<>(byKey.keySet().stream().map(DriverKey::coe).toList());
    }

    /** @return every key provided, sorted by its text */
    public Set<String> keys()
    {
        return new TreeSet<>(byKey.keySet().stream().map(DriverKey::toString).toList());
    }

    /** @return every driver, in load order */
    public List<CoeDriver> drivers()
    {
        return drivers;
    }

    @Override
    public void close()
    {
        for (int i = drivers.size() - 1; i >= 0; i--) {
            CoeDriver driver = drivers.get(i);
            try {
                driver.close();
            }
            catch (RuntimeException e) {
                log.warn("Closing engine driver {} failed", driver.name(), e);
            }
        }
    }
}
