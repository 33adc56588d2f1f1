package io.magnum.api;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Finds python-magnumclient's {@code magnum} command, installing Debian's python3-magnumclient when it is missing. */
final class MagnumCommand
{
    private MagnumCommand()
    {
    }

    static String locate() throws IOException, InterruptedException
    {
        String found = find();
        if (found != null) {
            return found;
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        List<String> sudo = root ? List.of() : List.of("sudo", "-n");
        run(sudo, "apt-get", "update");
        run(sudo, "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", "--no-install-recommends",
                "python3-magnumclient");
        found = find();
        if (found == null) {
            throw new IllegalStateException("the magnum command is missing and could not be installed:"
                    + " apt-get install python3-magnumclient");
        }
        return found;
    }

    private static String find()
    {
        String path = System.getenv("PATH");
        List<String> directories = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
        directories.add("/usr/bin");
        for (String directory : directories) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, "magnum");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static void run(List<String> prefix, String... command) throws IOException, InterruptedException
    {
        List<String> full = new ArrayList<>(prefix);
        full.addAll(List.of(command));
        Process process = new ProcessBuilder(full).inheritIO().start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", full) + " did not finish");
        }
    }
}
