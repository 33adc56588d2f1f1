package io.magnum.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.Arrays;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code bash-completion}: every command and every option of the commands on one line, for a completion script
 * to offer, as python-magnumclient prints them (commands first here, each group sorted).
 */
@Command(name = "bash-completion",
        description = {"Prints arguments for bash-completion. Prints all of the commands and options to stdout so that "
                + "the magnum.bash_completion script doesn't have to hard code them."})
final class BashCompletionCommand implements Callable<Integer>
{
    @ParentCommand
    MagnumCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call()
    {
        TreeSet<String> commands = new TreeSet<>();
        TreeSet<String> options = new TreeSet<>();
        for (CommandLine sub : spec.parent().subcommands().values()) {
            String name = sub.getCommandName();
            if (name.equals(spec.name())) {
                continue;
            }
            commands.add(name);
            for (OptionSpec option : sub.getCommandSpec().options()) {
                options.addAll(Arrays.asList(option.names()));
            }
        }
        root.session().out().println(String.join(" ", commands) + " " + String.join(" ", options));
        return 0;
    }
}
