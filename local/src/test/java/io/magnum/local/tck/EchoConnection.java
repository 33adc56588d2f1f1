package io.magnum.local.tck;

import io.magnum.spi.BayEndpoint;
import io.magnum.spi.coe.BayHealth;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeObject;
import io.magnum.spi.coe.ContainerEngine;
import io.magnum.spi.coe.ContainerSpec;
import io.magnum.spi.coe.ContainerState;
import io.magnum.spi.coe.ContainerStatus;
import io.magnum.spi.coe.Manifest;
import io.magnum.spi.coe.ManifestObjects;
import io.magnum.spi.coe.ObjectKind;
import io.magnum.spi.tls.PemTls;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** {@link EchoDriver}'s connection: every call pings the bay's endpoint, then works on objects kept in memory. */
final class EchoConnection implements CoeConnection, ManifestObjects, ContainerEngine
{
    private final BayEndpoint endpoint;
    private final EchoDriver.Flaw flaw;
    private final Map<String, Stored> objects = new ConcurrentHashMap<>();
    private final Map<String, ContainerStatus> containers = new ConcurrentHashMap<>();

    private record Stored(String uuid, Map<String, Object> tree)
    {
    }

    EchoConnection(BayEndpoint endpoint, EchoDriver.Flaw flaw)
    {
        this.endpoint = endpoint;
        this.flaw = flaw;
    }

    /**
     * Asks the endpoint. Once the TCP connection is up, any failure with TLS on counts as TLS: under TLS 1.3 a server
     * that refuses our certificate may just reset the connection, which the client sees as a plain socket error.
     */
    void ping()
    {
        InetSocketAddress address = Endpoints.socket(endpoint.apiAddress()).orElseThrow();
        Socket plain = new Socket();
        try {
            plain.connect(address, 5000);
        }
        catch (IOException e) {
            close(plain);
            throw new CoeException(CoeException.Reason.UNREACHABLE, "cannot reach " + endpoint.apiAddress(), e);
        }
        try (Socket socket = endpoint.tls().isPresent() ? tls(plain, address) : plain) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
            String answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (!"pong".equals(answer)) {
                throw new IOException("the endpoint closed the connection");
            }
        }
        catch (IOException e) {
            if (endpoint.tls().isPresent()) {
                CoeException.Reason reason = flaw == EchoDriver.Flaw.TLS_AS_FAILED ? CoeException.Reason.FAILED
                        : CoeException.Reason.TLS;
                throw new CoeException(reason, "TLS with " + endpoint.apiAddress() + " failed: " + e, e);
            }
            throw new CoeException(CoeException.Reason.UNREACHABLE, "cannot talk to " + endpoint.apiAddress(), e);
        }
    }

    private Socket tls(Socket plain, InetSocketAddress address)
            throws IOException
    {
        try {
            SSLSocket socket = (SSLSocket) PemTls.clientContext(endpoint.tls().orElseThrow()).getSocketFactory()
                    .createSocket(plain, address.getHostString(), address.getPort(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the server certificate must name 127.0.0.1
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        }
        catch (IllegalArgumentException e) {
            close(plain);
            throw new SSLException(e);
        }
        catch (IOException e) {
            close(plain);
            throw e;
        }
    }

    private static void close(Socket socket)
    {
        try {
            socket.close();
        }
        catch (IOException e) {
            // closing after a failure
        }
    }

    @Override
    public Optional<ManifestObjects> manifests()
    {
        return Optional.of(this);
    }

    @Override
    public Optional<ContainerEngine> containers()
    {
        return Optional.of(this);
    }

    @Override
    public BayHealth health()
    {
        try {
            ping();
            return new BayHealth(BayHealth.Status.HEALTHY, "the endpoint answers", Map.of());
        }
        catch (CoeException e) {
            return new BayHealth(BayHealth.Status.UNHEALTHY, e.getMessage(), Map.of());
        }
    }

    // ------------------------------------------------------------------ manifests

    @Override
    public CoeObject create(ObjectKind kind, Manifest manifest)
    {
        ping();
        Map<String, Object> tree = parse(kind, manifest);
        String name = name(tree);
        Stored stored = new Stored(UUID.randomUUID().toString(), tree);
        if (objects.putIfAbsent(key(kind, name), stored) != null) {
            throw new CoeException(CoeException.Reason.CONFLICT, kind + " " + name + " already exists");
        }
        return object(kind, stored);
    }

    @Override
    public List<CoeObject> list(ObjectKind kind)
    {
        ping();
        List<CoeObject> list = new ArrayList<>();
        objects.forEach((key, stored) -> {
            if (key.startsWith(kind + "/")) {
                list.add(object(kind, stored));
            }
        });
        return list;
    }

    @Override
    public Optional<CoeObject> get(ObjectKind kind, String name)
    {
        ping();
        return Optional.ofNullable(objects.get(key(kind, name))).map(stored -> object(kind, stored));
    }

    @Override
    public CoeObject replace(ObjectKind kind, String name, Manifest manifest)
    {
        ping();
        Map<String, Object> tree = parse(kind, manifest);
        if (!name(tree).equals(name)) {
            throw CoeException.invalid("manifest", "the manifest names " + name(tree) + ", not " + name);
        }
        Stored old = existing(kind, name);
        Stored stored = new Stored(old.uuid(), tree);
        objects.put(key(kind, name), stored);
        return object(kind, stored);
    }

    @Override
    public CoeObject patch(ObjectKind kind, String name, Manifest patch)
    {
        ping();
        Stored old = existing(kind, name);
        Map<String, Object> tree = merge(old.tree(), yaml(patch));
        Stored stored = new Stored(old.uuid(), tree);
        objects.put(key(kind, name), stored);
        return object(kind, stored);
    }

    @Override
    public boolean delete(ObjectKind kind, String name)
    {
        ping();
        return objects.remove(key(kind, name)) != null;
    }

    private Stored existing(ObjectKind kind, String name)
    {
        Stored stored = objects.get(key(kind, name));
        if (stored == null) {
            throw new CoeException(CoeException.Reason.NOT_FOUND, kind + " " + name + " not found");
        }
        return stored;
    }

    private static String key(ObjectKind kind, String name)
    {
        return kind + "/" + name;
    }

    private Map<String, Object> parse(ObjectKind kind, Manifest manifest)
    {
        Map<String, Object> tree = yaml(manifest);
        if (!(tree.get("kind") instanceof String given)) {
            throw CoeException.invalid("manifest", "the manifest has no kind");
        }
        if (!given.equals(kind.manifestKind())) {
            throw CoeException.invalid("manifest", "the manifest describes a " + given + ", not a "
                    + kind.manifestKind());
        }
        if (flaw != EchoDriver.Flaw.ANY_API_VERSION && !"v1".equals(tree.get("apiVersion"))) {
            throw CoeException.invalid("manifest", "apiVersion " + tree.get("apiVersion") + " is not v1");
        }
        name(tree);
        return tree;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Manifest manifest)
    {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(manifest.text());
        }
        catch (RuntimeException e) {
            throw CoeException.invalid("manifest", "the manifest is not valid YAML or JSON: " + e.getMessage());
        }
        if (!(root instanceof Map<?, ?>)) {
            throw CoeException.invalid("manifest", "the manifest is not an object");
        }
        return (Map<String, Object>) root;
    }

    private static String name(Map<String, Object> tree)
    {
        if (tree.get("metadata") instanceof Map<?, ?> metadata && metadata.get("name") instanceof String name) {
            return name;
        }
        throw CoeException.invalid("manifest", "the manifest has no metadata.name");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> merge(Map<String, Object> target, Map<String, Object> patch)
    {
        Map<String, Object> merged = new LinkedHashMap<>(target);
        patch.forEach((key, value) -> {
            if (value == null) {
                merged.remove(key);
            }
            else if (value instanceof Map<?, ?> map && merged.get(key) instanceof Map<?, ?> old) {
                merged.put(key, merge((Map<String, Object>) old, (Map<String, Object>) map));
            }
            else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static CoeObject object(ObjectKind kind, Stored stored)
    {
        Map<String, Object> tree = stored.tree();
        Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
        Map<String, Object> spec = tree.get("spec") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
        List<String> images = new ArrayList<>();
        Object podSpec = kind == ObjectKind.POD ? spec
                : spec.get("template") instanceof Map<?, ?> t ? t.get("spec") : null;
        if (podSpec instanceof Map<?, ?> p && p.get("containers") instanceof List<?> list) {
            list.forEach(c -> images.add(String.valueOf(((Map<String, Object>) c).get("image"))));
        }
        List<CoeObject.ServicePort> ports = new ArrayList<>();
        if (kind == ObjectKind.SERVICE && spec.get("ports") instanceof List<?> list) {
            list.forEach(p -> {
                Map<String, Object> port = (Map<String, Object>) p;
                ports.add(new CoeObject.ServicePort(String.valueOf(port.getOrDefault("name", "k8s-service")), "TCP",
                        ((Number) port.get("port")).intValue(), String.valueOf(port.get("targetPort"))));
            });
        }
        Optional<Integer> replicas = spec.get("replicas") instanceof Number n ? Optional.of(n.intValue())
                : Optional.empty();
        return new CoeObject(kind, stored.uuid(), String.valueOf(metadata.get("name")), strings(metadata.get("labels")),
                kind == ObjectKind.POD ? Map.of() : strings(spec.get("selector")), images, Optional.empty(),
                kind == ObjectKind.POD ? Optional.of("Running") : Optional.empty(),
                kind == ObjectKind.REPLICATION_CONTROLLER ? replicas : Optional.empty(), ports, Optional.empty(),
                tree.toString());
    }

    private static Map<String, String> strings(Object map)
    {
        Map<String, String> strings = new LinkedHashMap<>();
        if (map instanceof Map<?, ?> m) {
            m.forEach((k, v) -> strings.put(String.valueOf(k), String.valueOf(v)));
        }
        return strings;
    }

    // ------------------------------------------------------------------ containers

    @Override
    public ContainerState create(ContainerSpec spec)
    {
        ping();
        String id = UUID.randomUUID().toString().replace("-", "");
        containers.put(id, ContainerStatus.STOPPED);
        return ContainerState.of(id, ContainerStatus.STOPPED);
    }

    @Override
    public ContainerState inspect(String id)
    {
        ping();
        ContainerStatus status = containers.get(id);
        if (status == null) {
            throw new CoeException(CoeException.Reason.NOT_FOUND, "no container " + id);
        }
        return ContainerState.of(id, status);
    }

    @Override
    public void delete(String id)
    {
        ping();
        containers.remove(id);
    }

    @Override
    public ContainerState start(String id)
    {
        return move(id, ContainerStatus.RUNNING);
    }

    @Override
    public ContainerState stop(String id)
    {
        return move(id, flaw == EchoDriver.Flaw.STOP_DOES_NOTHING ? inspect(id).status() : ContainerStatus.STOPPED);
    }

    @Override
    public ContainerState pause(String id)
    {
        requireRunning(id);
        return move(id, ContainerStatus.PAUSED);
    }

    @Override
    public ContainerState unpause(String id)
    {
        if (inspect(id).status() != ContainerStatus.PAUSED) {
            throw new CoeException(CoeException.Reason.CONFLICT, "container " + id + " is not paused");
        }
        return move(id, ContainerStatus.RUNNING);
    }

    @Override
    public String exec(String id, String command)
    {
        requireRunning(id);
        return command.startsWith("echo ") ? command.substring(5) + "\n" : "";
    }

    @Override
    public String logs(String id)
    {
        inspect(id);
        return "";
    }

    private void requireRunning(String id)
    {
        if (inspect(id).status() != ContainerStatus.RUNNING) {
            throw new CoeException(CoeException.Reason.CONFLICT, "container " + id + " is not running");
        }
    }

    private ContainerState move(String id, ContainerStatus status)
    {
        inspect(id);
        containers.put(id, status);
        return ContainerState.of(id, status);
    }
}
