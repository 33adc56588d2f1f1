package io.magnum.api.internal;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.magnum.Magnum;
import io.magnum.MagnumException;
import io.magnum.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP side of the API: reads a request, authenticates it (except the version documents), negotiates the
 * microversion, routes it, and writes the answer or Magnum's error body. Every failure becomes a status: the
 * facade's by their {@link io.magnum.ErrorCode}, the HTTP layer's by {@link ApiException}; anything else is a 500
 * that is logged. Thread-safe: one instance serves every request.
 */
public final class ApiHandler implements HttpHandler
{
    private static final Logger log = LoggerFactory.getLogger(ApiHandler.class);

    /** The header a client's Keystone token comes in. */
    public static final String TOKEN_HEADER = "X-Auth-Token";
    private static final String REQUEST_ID_HEADER = "X-Openstack-Request-Id";
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-\\[\\]:%]{1,255}");
    /** How much of an oversized body is read and dropped so the client sees the 400 rather than a reset. */
    private static final long DRAIN_LIMIT = 16L << 20;

    private final Magnum magnum;
    private final Function<String, RequestContext> authenticator;
    private final Router router;
    private final Json json;
    private final int maxBodyBytes;
    private final AtomicInteger inFlight = new AtomicInteger();

    /**
     * @param magnum        the facade
     * @param authenticator the caller for a token (null when the request has none); throws {@link ApiException}
     *                      (401) to refuse
     * @param maxBodyBytes  the largest request body taken
     */
    public ApiHandler(Magnum magnum, Function<String, RequestContext> authenticator, int maxBodyBytes)
    {
        this.magnum = requireNonNull(magnum, "magnum is null");
        this.authenticator = requireNonNull(authenticator, "authenticator is null");
        this.maxBodyBytes = maxBodyBytes;
        this.json = new Json();
        this.router = routes(json);
    }

    private static Router routes(Json json)
    {
        Router router = new Router();
        new TemplateResource(Era.SEED, json).register(router);
        new TemplateResource(Era.MODERN, json).register(router);
        new ClusterResource(Era.SEED, json).register(router);
        new ClusterResource(Era.MODERN, json).register(router);
        new CertificateResource(json).register(router);
        new ServiceResource().register(router);
        new QuotaResource(json).register(router);
        ManifestObjectResource.all(json).forEach(resource -> resource.register(router));
        new ContainerResource(json).register(router);
        return router;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException
    {
        long start = System.nanoTime();
        String requestId = "req-" + UUID.randomUUID();
        String method = exchange.getRequestMethod();
        int status;
        inFlight.incrementAndGet();
        try {
            status = respond(exchange, requestId, method);
        }
        finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
        if (log.isDebugEnabled()) {
            log.debug("{} {} {} {} in {} ms", requestId, method, exchange.getRequestURI().getRawPath(), status,
                    (System.nanoTime() - start) / 1_000_000);
        }
    }

    /** @return how many requests are being handled now */
    public int inFlight()
    {
        return inFlight.get();
    }

    private int respond(HttpExchange exchange, String requestId, String method) throws IOException
    {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(REQUEST_ID_HEADER, requestId);
        ApiResponse response;
        try {
            response = route(exchange, method, headers);
        }
        catch (ApiException e) {
            headers.putAll(e.headers());
            response = error(e.status(), e.getMessage(), requestId);
        }
        catch (MagnumException e) {
            int status = e.code().httpStatus();
            if (status == 503) {
                // the cloud or Keystone could not answer: not a fault of ours, and its message says it all
                log.warn("{} {} {}: {}", requestId, method, exchange.getRequestURI().getRawPath(), e.getMessage());
            }
            else if (status >= 500) {
                log.error("{} {} {} failed: {}", requestId, method, exchange.getRequestURI().getRawPath(),
                        e.getMessage(), e);
            }
            response = error(status, e.getMessage(), requestId);
        }
        catch (IllegalStateException e) {
            // the facade throws it once closed: the server is going down under this request
            log.warn("{} {} {} refused: {}", requestId, method, exchange.getRequestURI().getRawPath(), e.getMessage());
            response = error(503, "The service is shutting down: " + e.getMessage(), requestId);
        }
        catch (RuntimeException e) {
            log.error("{} {} {} failed", requestId, method, exchange.getRequestURI().getRawPath(), e);
            response = error(500, "The server could not handle the request (" + requestId + "): "
                    + e.getClass().getSimpleName(), requestId);
        }
        headers.putAll(response.headers());
        write(exchange, response, headers);
        return response.status();
    }

    private ApiResponse route(HttpExchange exchange, String method, Map<String, String> headers)
    {
        List<String> segments = segments(exchange.getRequestURI().getRawPath());
        String hostUrl = hostUrl(exchange);
        if (segments.isEmpty()) {
            return document(method, VersionResource.root(hostUrl));
        }
        if (!segments.get(0).equals("v1")) {
            // as Magnum routes it: a path without a version is under the default one (the bookmark links)
            segments.add(0, "v1");
        }
        headers.put(ApiVersion.MIN_HEADER, ApiVersion.MIN.header());
        headers.put(ApiVersion.MAX_HEADER, ApiVersion.MAX.header());
        headers.put("Vary", ApiVersion.HEADER);
        ApiVersion version = ApiVersion.fromHeader(exchange.getRequestHeaders().getFirst(ApiVersion.HEADER));
        headers.put(ApiVersion.HEADER, version.header());
        if (segments.size() == 1) {
            return document(method, VersionResource.v1(hostUrl));
        }
        RequestContext context = authenticator.apply(exchange.getRequestHeaders().getFirst(TOKEN_HEADER));
        Router.Match match = router.match(method, segments);
        Magnum scoped = context.equals(magnum.context()) ? magnum : magnum.as(context);
        BodyReader body = new BodyReader(exchange);
        ApiRequest request = new ApiRequest(method, query(exchange.getRequestURI().getRawQuery()), body::read,
                scoped, version, hostUrl);
        return match.handler().handle(request, match.path());
    }

    private static ApiResponse document(String method, Map<String, Object> document)
    {
        if (!method.equals("GET")) {
            throw new ApiException(405, "The method " + method + " is not allowed for this resource; allowed: GET",
                    Map.of("Allow", "GET"));
        }
        return ApiResponse.ok(document);
    }

    private static ApiResponse error(int status, String message, String requestId)
    {
        return new ApiResponse(status, ErrorBody.of(status, message, requestId), Map.of());
    }

    private void write(HttpExchange exchange, ApiResponse response, Map<String, String> headers) throws IOException
    {
        Headers out = exchange.getResponseHeaders();
        headers.forEach(out::set);
        byte[] bytes = response.body() == null ? null : json.write(response.body());
        if (bytes != null) {
            out.set("Content-Type", "application/json");
        }
        exchange.sendResponseHeaders(response.status(), bytes == null ? -1 : bytes.length);
        if (bytes != null) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(bytes);
            }
        }
    }

    private static List<String> segments(String rawPath)
    {
        List<String> segments = new ArrayList<>();
        if (rawPath == null) {
            return segments;
        }
        for (String part : rawPath.split("/")) {
            if (!part.isEmpty()) {
                segments.add(decode(part.replace("+", "%2B")));
            }
        }
        return segments;
    }

    private static Map<String, List<String>> query(String rawQuery)
    {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    private static String decode(String text)
    {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }
        catch (IllegalArgumentException e) {
            throw ApiException.badRequest("The URL is malformed: '" + Values.abbreviate(text) + "' is not valid"
                    + " percent-encoding");
        }
    }

    private static String hostUrl(HttpExchange exchange)
    {
        String host = exchange.getRequestHeaders().getFirst("Host");
        if (host == null || !HOST.matcher(host).matches()) {
            InetSocketAddress local = exchange.getLocalAddress();
            host = local.getAddress().getHostAddress() + ":" + local.getPort();
        }
        return "http://" + host;
    }

    /** Reads the body once, within the limit. */
    private final class BodyReader
    {
        private final HttpExchange exchange;
        private byte[] body;

        BodyReader(HttpExchange exchange)
        {
            this.exchange = exchange;
        }

        byte[] read()
        {
            if (body == null) {
                body = readLimited();
            }
            return body;
        }

        private byte[] readLimited()
        {
            String length = exchange.getRequestHeaders().getFirst("Content-Length");
            try (InputStream in = exchange.getRequestBody()) {
                if (length != null) {
                    long declared = parseLength(length);
                    if (declared > maxBodyBytes) {
                        throw tooLarge(in, declared + " bytes");
                    }
                }
                byte[] bytes = in.readNBytes(maxBodyBytes + 1);
                if (bytes.length > maxBodyBytes) {
                    throw tooLarge(in, "more than " + maxBodyBytes + " bytes");
                }
                return bytes;
            }
            catch (IOException e) {
                throw ApiException.badRequest("The request body could not be read: " + e.getMessage());
            }
        }

        private long parseLength(String length)
        {
            try {
                return Long.parseLong(length.trim());
            }
            catch (NumberFormatException e) {
                throw ApiException.badRequest("Content-Length '" + Values.abbreviate(length) + "' is not a number");
            }
        }

        private ApiException tooLarge(InputStream in, String size) throws IOException
        {
            // read what is cheap to read, so the client gets to see the answer; past that, the connection closes
            long skipped = 0;
            byte[] sink = new byte[64 * 1024];
            int n;
            while (skipped < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
                skipped += n;
            }
            return new ApiException(400, "The request body is " + size + "; this server takes at most "
                    + maxBodyBytes + " bytes", Map.of("Connection", "close"));
        }
    }
}
