package io.magnum.cli;

import picocli.CommandLine.Command;

/**
 * {@code coe-service-create}, {@code -delete}, {@code -list}, {@code -show} and {@code -update}:
 * Kubernetes services on a bay ({@code /v1/services}).
 */
final class CoeServiceCommands
{
    private CoeServiceCommands()
    {
    }

    /** {@code coe-service-create}. */
    @Command(name = "coe-service-create", description = "Create a coe service.")
    static final class Create extends ManifestCommands.Create
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.SERVICE;
        }
    }

    /** {@code coe-service-delete}. */
    @Command(name = "coe-service-delete", description = "Delete specified coe service.")
    static final class Delete extends ManifestCommands.Delete
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.SERVICE;
        }
    }

    /** {@code coe-service-list}. */
    @Command(name = "coe-service-list", description = "Print a list of coe services.")
    static final class Listing extends ManifestCommands.Listing
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.SERVICE;
        }
    }

    /** {@code coe-service-show}. */
    @Command(name = "coe-service-show", description = "Show details about the given coe service.")
    static final class Show extends ManifestCommands.Show
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.SERVICE;
        }
    }

    /** {@code coe-service-update}. */
    @Command(name = "coe-service-update", description = "Update information about the given coe service.")
    static final class Update extends ManifestCommands.Update
    {
        @Override
        ManifestCommands.Kind kind()
        {
            return ManifestCommands.Kind.SERVICE;
        }
    }
}
