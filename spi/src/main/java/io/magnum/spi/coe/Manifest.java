package io.magnum.spi.coe;

import static java.util.Objects.requireNonNull;

/**
 * An object's manifest as the user gave it: YAML, or JSON when it starts with <code>{</code> (as Magnum reads it).
 * The driver parses and checks it, and reports a bad one as {@link CoeException.Reason#INVALID}.
 *
 * @param text the manifest, never null
 */
public record Manifest(String text)
{
    public Manifest
    {
        requireNonNull(text, "text is null");
    }

    /**
     * @param text YAML or JSON
     * @return the manifest
     */
    public static Manifest of(String text)
    {
        return new Manifest(text);
    }

    /** @return true when the text is JSON rather than YAML, by Magnum's rule (first non-blank character) */
    public boolean isJson()
    {
        return text.strip().startsWith("{");
    }
}
