package io.magnum.cli;

import picocli.CommandLine.Command;

import java.util.List;

/** {@code service-list}: Magnum's own services (the conductor), sorted by id as the python client sorts them. */
@Command(name = "service-list", description = "Print a list of magnum services.")
final class ServiceListCommand extends ApiCommand
{
    @Override
    int run()
    {
        out().println(Table.list(list(MagnumApi.path("v1", "mservices"), "mservices", null),
                List.of("id", "host", "binary", "state"), 0));
        return 0;
    }
}
