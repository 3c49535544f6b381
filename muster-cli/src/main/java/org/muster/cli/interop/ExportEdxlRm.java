package org.muster.cli.interop;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreOptions;
import org.muster.domain.InvalidInputException;
import org.muster.domain.aid.AidRequest;
import org.muster.domain.aid.AidRequestId;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.Recovery;
import org.muster.interop.edxlrm.EdxlRm;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A mutual aid request of the log as its OASIS EDXL-RM 1.0 messages, oldest first: what {@code GET
 * /api/v1/aid/requests/{id}/edxl-rm} answers, read from the store. Each message is a document of its own; with
 * {@code --message N} only the N-th is printed, so that it can be sent on as it is.
 */
@Command(
        name = "edxl-rm",
        mixinStandardHelpOptions = true,
        description = "Print a mutual aid request as EDXL-RM 1.0 messages (RequestResource, ResponseToRequestResource,"
                + " CommitResource, ReleaseResource).")
final class ExportEdxlRm implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The mutual aid request's id")
    String id;

    @Option(
            names = "--message",
            paramLabel = "N",
            description = "Print only the N-th message (1 is the request), a document of its own")
    Optional<Integer> message = Optional.empty();

    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {

        store.configuredBy(config);
        List<EdxlRm.Message> messages;
        try (EventStore log = EventLogs.open(store.existing())) {
            MusterState state = Recovery.replay(log).state();
            AidRequest r = state.getAidRequest(AidRequestId.of(id));
            messages = EdxlRm.messages(r, state.organisations(), state.units());
        }
        if (message.isPresent() && (message.get() < 1 || message.get() > messages.size()))
            throw InvalidInputException.of(
                    "--message",
                    message.get(),
                    "must be between 1 and " + messages.size() + ", the request's messages");
        PrintStream print = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        if (message.isPresent()) print.println(messages.get(message.get() - 1).xml());
        else
            for (EdxlRm.Message m : messages) {
                print.println(m.xml());
                print.println();
            }
        print.flush();
        return 0;
    }
}
