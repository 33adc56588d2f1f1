package io.magnum.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code help [<subcommand>]}: the program's help, or one command's. */
@Command(name = "help", description = "Display help about this program or one of its subcommands.")
final class HelpCommand implements Callable<Integer>
{
    @ParentCommand
    MagnumCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "<subcommand>", arity = "0..1", description = "Display help for <subcommand>.")
    String command;

    @Override
    public Integer call()
    {
        CommandLine magnum = spec.parent().commandLine();
        if (command == null) {
            magnum.usage(root.session().out());
            return 0;
        }
        CommandLine sub = magnum.getSubcommands().get(command);
        if (sub == null) {
            throw new CliException("'" + command + "' is not a valid subcommand");
        }
        sub.usage(root.session().out());
        return 0;
    }
}
