package io.magnum.core.cloud.openstack;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magnum.spi.cloud.CloudException;
import org.openstack4j.api.exceptions.ResponseException;
import org.openstack4j.model.common.ActionResponse;

import java.io.IOException;
import java.util.Iterator;

/**
 * Turns what openstack4j throws (or answers) into the cloud contract's exceptions, so no openstack4j type escapes:
 * HTTP errors become {@link OpenStackHttpException}, everything else (connection refused, timeouts, bodies that do
 * not parse) a {@link CloudException} that names the service and keeps the cause.
 */
final class OpenStackFailures
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenStackFailures()
    {
    }

    static CloudException translate(OpenStackService service, RuntimeException e)
    {
        if (e instanceof CloudException cloud) {
            return cloud;
        }
        if (e instanceof ResponseException response && response.getStatus() >= 400) {
            return new OpenStackHttpException(service, response.getStatus(), response.getMessage(), e);
        }
        Throwable root = rootCause(e);
        if (root instanceof JacksonException) {
            return new CloudException(service + " answered with a body magnum4j cannot read: " + describe(root), e);
        }
        if (root instanceof IOException) {
            return new CloudException("Cannot reach " + service + ": " + describe(root), e);
        }
        return new CloudException(service + " call failed: " + describe(root), e);
    }

    /**
     * @param service  the service that answered
     * @param response what openstack4j made of the answer to an update or delete
     * @throws OpenStackHttpException when the answer was an HTTP error
     */
    static void check(OpenStackService service, ActionResponse response)
    {
        if (response != null && !response.isSuccess()) {
            throw new OpenStackHttpException(service, response.getCode(), response.getFault(), null);
        }
    }

    /**
     * The message of an OpenStack JSON error body: Heat's {@code {"explanation": ..., "error": {"message": ...}}},
     * Nova's {@code {"itemNotFound": {"message": ...}}}, Neutron's {@code {"NeutronError": {"message": ...}}},
     * Keystone's {@code {"error": {"message": ...}}}.
     *
     * @param body          the body, possibly empty or not JSON
     * @param statusMessage the HTTP reason phrase, used when the body says nothing
     * @return the most specific message found
     */
    static String errorDetail(String body, String statusMessage)
    {
        if (body != null && !body.isBlank()) {
            try {
                JsonNode root = JSON.readTree(body);
                String message = text(root.path("error").path("message"));
                if (message == null) {
                    message = text(root.path("explanation"));
                }
                if (message == null) {
                    message = text(root.path("message"));
                }
                if (message == null && root.isObject()) {
                    for (Iterator<JsonNode> values = root.elements(); values.hasNext() && message == null; ) {
                        message = text(values.next().path("message"));
                    }
                }
                if (message != null) {
                    return message;
                }
            }
            catch (IOException | RuntimeException notJson) {
                String trimmed = body.strip();
                return trimmed.length() > 300 ? trimmed.substring(0, 300) + "..." : trimmed;
            }
        }
        return statusMessage == null ? "" : statusMessage;
    }

    private static String text(JsonNode node)
    {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }

    private static Throwable rootCause(Throwable e)
    {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable e)
    {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
