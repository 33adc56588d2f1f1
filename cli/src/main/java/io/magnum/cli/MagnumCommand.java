package io.magnum.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

import static java.util.Objects.requireNonNull;

/**
 * {@code magnum}: the global options and the seed's commands, in the seed's order (section 4). The global options
 * may come before the command, as python-magnumclient takes them, or after it.
 */
@Command(name = "magnum",
        description = "Command-line interface to the Magnum API (magnum4j).",
        synopsisSubcommandLabel = "<subcommand>",
        versionProvider = MagnumCommand.Version.class,
        footer = {"", "See \"magnum help COMMAND\" for help on a specific command."},
        subcommands = {
                BayModelCommands.Create.class,
                BayModelCommands.Delete.class,
                BayModelCommands.Listing.class,
                BayModelCommands.Show.class,
                BayModelCommands.Update.class,
                BayCommands.Create.class,
                BayCommands.Delete.class,
                BayCommands.Listing.class,
                BayCommands.Show.class,
                BayCommands.Update.class,
                CertificateCommands.Show.class,
                CertificateCommands.Sign.class,
                ContainerCommands.Create.class,
                ContainerCommands.Delete.class,
                ContainerCommands.Exec.class,
                ContainerCommands.Listing.class,
                ContainerCommands.Logs.class,
                ContainerCommands.Pause.class,
                ContainerCommands.Reboot.class,
                ContainerCommands.Show.class,
                ContainerCommands.Start.class,
                ContainerCommands.Stop.class,
                ContainerCommands.Unpause.class,
                ServiceListCommand.class,
                PodCommands.Create.class,
                PodCommands.Delete.class,
                PodCommands.Listing.class,
                PodCommands.Show.class,
                PodCommands.Update.class,
                RcCommands.Create.class,
                RcCommands.Delete.class,
                RcCommands.Listing.class,
                RcCommands.Show.class,
                RcCommands.Update.class,
                CoeServiceCommands.Create.class,
                CoeServiceCommands.Delete.class,
                CoeServiceCommands.Listing.class,
                CoeServiceCommands.Show.class,
                CoeServiceCommands.Update.class,
                BashCompletionCommand.class,
                HelpCommand.class,
        })
final class MagnumCommand implements Callable<Integer>
{
    private final Session session;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", versionHelp = true, description = "Show the program's version and exit.")
    boolean version;

    @Option(names = {"--magnum-url", "--bypass-url"}, paramLabel = "<magnum-url>", scope = ScopeType.INHERIT,
            description = "The Magnum API's URL. Defaults to env[MAGNUM_URL], else http://127.0.0.1:9511.")
    String url;

    @Option(names = "--os-token", paramLabel = "<auth-token>", scope = ScopeType.INHERIT,
            description = "The token sent as X-Auth-Token. Defaults to env[OS_TOKEN]; the embedded server takes any.")
    String token;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Print the HTTP requests and answers on standard error.")
    boolean debug;

    MagnumCommand(Session session)
    {
        this.session = requireNonNull(session, "session is null");
    }

    /** @return this run's session, its API client set up from the global options */
    Session session()
    {
        session.connect(url, token);
        return session;
    }

    @Override
    public Integer call()
    {
        // `magnum` alone prints its help, as python-magnumclient does
        spec.commandLine().usage(session.out());
        return 0;
    }

    /** The version in the jar's manifest ({@code dev} when run from classes). */
    static final class Version implements picocli.CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            String version = MagnumCommand.class.getPackage().getImplementationVersion();
            return new String[] {"magnum (magnum4j) " + (version == null ? "dev" : version)};
        }
    }
}
