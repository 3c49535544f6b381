package org.muster.cli.report;

import picocli.CommandLine.Command;

/** {@code muster report}: reports read from the log. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Reports read from the log: the daily situation report.",
        subcommands = {SitrepCommand.class})
public final class ReportCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
