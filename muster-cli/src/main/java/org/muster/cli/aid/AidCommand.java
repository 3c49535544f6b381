package org.muster.cli.aid;

import picocli.CommandLine.Command;

/** {@code muster aid}: mutual aid read from the log. The requests, offers and answers go in through pipe. */
@Command(
        name = "aid",
        mixinStandardHelpOptions = true,
        description = "Mutual aid from the log: who could help with a request, and the hours units were lent.",
        subcommands = {AidSuggestCommand.class, AidHoursCommand.class})
public final class AidCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
