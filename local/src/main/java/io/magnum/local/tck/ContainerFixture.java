package io.magnum.local.tck;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A container the driver under test can run, for {@link CoeDriverContract#containerFixture()}: an image present
 * where the bay's containers run (never pulled), a command that keeps it running, and the optional verbs the
 * driver has.
 *
 * <pre>{@code
 * ContainerFixture.docker("local/busybox:latest", "sleep 3600", ContainerVerb.START, ContainerVerb.STOP)
 * }</pre>
 *
 * @param image       the image
 * @param command     the command, split on blanks; empty for the image's own
 * @param verbs       the optional verbs the driver has
 * @param needsDocker whether the bay's containers run on this machine's Docker engine: without one answering, the
 *                    container tests are skipped (loudly) instead of failing
 */
public record ContainerFixture(String image, Optional<String> command, Set<ContainerVerb> verbs, boolean needsDocker)
{
    public ContainerFixture
    {
        requireNonNull(image, "image is null");
        requireNonNull(command, "command is null");
        verbs = Set.copyOf(requireNonNull(verbs, "verbs is null"));
    }

    /**
     * @param image   the image
     * @param command the command that keeps it running
     * @param verbs   the optional verbs the driver has
     * @return a fixture whose containers run on the local Docker engine
     */
    public static ContainerFixture docker(String image, String command, ContainerVerb... verbs)
    {
        return new ContainerFixture(image, Optional.of(command), set(verbs), true);
    }

    /**
     * @param image   the image
     * @param command the command that keeps it running
     * @param verbs   the optional verbs the driver has
     * @return a fixture that needs no Docker engine (the COE's local stand-in runs without one)
     */
    public static ContainerFixture of(String image, String command, ContainerVerb... verbs)
    {
        return new ContainerFixture(image, Optional.of(command), set(verbs), false);
    }

    private static Set<ContainerVerb> set(ContainerVerb... verbs)
    {
        Set<ContainerVerb> set = EnumSet.noneOf(ContainerVerb.class);
        set.addAll(java.util.List.of(verbs));
        return set;
    }
}
