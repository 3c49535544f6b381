package org.muster.cli.interop;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code muster export}: what the log holds, in the interchange standards, and its calls as a replay file. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        description = "Export from the log in an interchange standard, or its calls for the simulator to replay.",
        subcommands = {ExportEido.class, ExportCap.class, ExportEdxlRm.class, ExportCalls.class})
public final class ExportCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
