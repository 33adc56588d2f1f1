package io.magnum.cli;

import picocli.CommandLine.Command;

/**
 * {@code pod-create}, {@code -delete}, {@code -list}, {@code -show} and {@code -update}:
 * Kubernetes pods on a bay ({@code /v1/pods}).
 */
final class PodCommands
{
    private PodCommands()
    {
    }

    /** {@code pod-create}. */
    @Command(name = "pod-create", description = "Create a pod.")
    static final class Create extends ManifestCommands.Create
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.POD;
        }
    }

    /** {@code pod-delete}. */
    @Command(name = "pod-delete", description = "Delete specified pod.")
    static final class Delete extends ManifestCommands.Delete
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.POD;
        }
    }

    /** {@code pod-list}. */
    @Command(name = "pod-list", description = "Print a list of registered pods.")
    static final class Listing extends ManifestCommands.Listing
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.POD;
        }
    }

    /** {@code pod-show}. */
    @Command(name = "pod-show", description = "Show details about the given pod.")
    static final class Show extends ManifestCommands.Show
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.POD;
        }
    }

    /** {@code pod-update}. */
    @Command(name = "pod-update", description = "Update information about the given pod.")
    static final class Update extends ManifestCommands.Update
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.POD;
        }
    }
}
