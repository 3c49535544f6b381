package org.muster.cli.imports;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import road networks and zones.",
        subcommands = {ImportOsm.class, ImportZones.class})
public final class ImportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
