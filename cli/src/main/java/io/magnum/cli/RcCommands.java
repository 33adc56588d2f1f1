package io.magnum.cli;

import picocli.CommandLine.Command;

/**
 * {@code rc-create}, {@code -delete}, {@code -list}, {@code -show} and {@code -update}:
 * Kubernetes replication controllers on a bay ({@code /v1/rcs}).
 */
final class RcCommands
{
    private RcCommands()
    {
    }

    /** {@code rc-create}. */
    @Command(name = "rc-create", description = "Create a replication controller.")
    static final class Create extends ManifestCommands.Create
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.RC;
        }
    }

    /** {@code rc-delete}. */
    @Command(name = "rc-delete", description = "Delete specified replication controller.")
    static final class Delete extends ManifestCommands.Delete
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.RC;
        }
    }

    /** {@code rc-list}. */
    @Command(name = "rc-list", description = "Print a list of registered replication controllers.")
    static final class Listing extends ManifestCommands.Listing
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.RC;
        }
    }

    /** {@code rc-show}. */
    @Command(name = "rc-show", description = "Show details about the given replication controller.")
    static final class Show extends ManifestCommands.Show
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.RC;
        }
    }

    /** {@code rc-update}. */
    @Command(name = "rc-update", description = "Update information about the given replication controller.")
    static final class Update extends ManifestCommands.Update
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.RC;
        }
    }
}
