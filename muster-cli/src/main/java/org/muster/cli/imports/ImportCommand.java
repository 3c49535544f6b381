package org.muster.cli.imports;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import road networks, zones, and incidents handed over in NENA EIDO documents.",
        subcommands = {ImportOsm.class, ImportZones.class, org.muster.cli.interop.ImportEido.class})
public final class ImportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
