package io.magnum.core.coe;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import jakarta.inject.Singleton;

import io.magnum.InvalidInputException;

/**
 * Reads a manifest from a {@code manifest_url}, as Magnum's {@code pod-create --manifest-url} does: http and https
 * only (never {@code file:} or another scheme, so a caller cannot read the server's own files), a 2xx answer, at
 * most {@link ManifestObjectService#MAX_MANIFEST} bytes of UTF-8, within 10 s to connect and 30 s in all. Every
 * failure is an {@link InvalidInputException} on {@code manifest_url} saying what went wrong.
 */
@Singleton
public final class ManifestFetcher
{
    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration REQUEST = Duration.ofSeconds(30);
    private static final String FIELD = "manifest_url";

    private volatile HttpClient client;

    /**
     * @param url the manifest's address
     * @return the manifest's text
     * @throws InvalidInputException on field {@code manifest_url}, when the URL is not http(s) or the manifest
     *                               cannot be read
     */
    public String fetch(String url)
    {
        URI uri = parse(url);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST)
                .header("Accept", "application/yaml, application/json, text/plain, */*").GET().build();
        try {
            HttpResponse<InputStream> response = client().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw invalid(url, "the server answered HTTP " + response.statusCode());
                }
                long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
                if (declared > ManifestObjectService.MAX_MANIFEST) {
                    throw tooLarge(url);
                }
                byte[] bytes = body.readNBytes(ManifestObjectService.MAX_MANIFEST + 1);
                if (bytes.length > ManifestObjectService.MAX_MANIFEST) {
                    throw tooLarge(url);
                }
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            }
        }
        catch (CharacterCodingException e) {
            throw invalid(url, "the manifest is not UTF-8 text");
        }
        catch (HttpTimeoutException e) {
            throw invalid(url, "no answer within " + REQUEST.toSeconds() + " s");
        }
        catch (IOException e) {
            throw invalid(url, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw invalid(url, "interrupted");
        }
    }

    private static URI parse(String url)
    {
        if (url == null || url.isBlank()) {
            throw InvalidInputException.of(FIELD, "a manifest_url is required");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        }
        catch (java.net.URISyntaxException e) {
            throw InvalidInputException.of(FIELD, "manifest_url '" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!SCHEMES.contains(scheme) || uri.getHost() == null) {
            throw InvalidInputException.of(FIELD, "manifest_url '" + url
                    + "' must be an http or https URL with a host; other schemes (file, ftp, ...) are refused");
        }
        return uri;
    }

    private HttpClient client()
    {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                c = client;
                if (c == null) {
                    c = HttpClient.newBuilder().connectTimeout(CONNECT).followRedirects(HttpClient.Redirect.NORMAL)
                            .build();
                    client = c;
                }
            }
        }
        return c;
    }

    private static InvalidInputException tooLarge(String url)
    {
        return invalid(url, "the manifest is larger than " + ManifestObjectService.MAX_MANIFEST + " bytes");
    }

    private static InvalidInputException invalid(String url, String why)
    {
        return InvalidInputException.of(FIELD, "cannot read the manifest at manifest_url " + url + ": " + why);
    }
}
