package io.magnum.api.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Magnum's error body, as its parsable-error middleware writes it:
 * {@code {"errors": [{"request_id", "code", "status", "title", "detail", "links"}]}}. The title is the message up to
 * its first full stop, the detail the whole message; python-magnumclient shows both.
 */
public final class ErrorBody
{
    private ErrorBody()
    {
    }

    /**
     * @param status    the HTTP status
     * @param message   the whole message
     * @param requestId the request's id
     * @return the body
     */
    public static Map<String, Object> of(int status, String message, String requestId)
    {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("request_id", requestId);
        error.put("code", status >= 500 ? "server" : "client");
        error.put("status", status);
        error.put("title", title(message));
        error.put("detail", message);
        error.put("links", List.of());
        return Map.of("errors", List.of(error));
    }

    private static String title(String message)
    {
        int stop = message.indexOf('.');
        // a full stop inside a name or number (k8s.v1, 1.5) is not the end of a sentence
        while (stop >= 0 && stop + 1 < message.length() && !Character.isWhitespace(message.charAt(stop + 1))) {
            stop = message.indexOf('.', stop + 1);
        }
        return stop < 0 ? message : message.substring(0, stop);
    }
}
