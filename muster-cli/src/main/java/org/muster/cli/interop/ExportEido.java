package org.muster.cli.interop;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreClock;
import org.muster.cli.config.StoreOptions;
import org.muster.domain.NotFoundException;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.engine.state.MusterState;
import org.muster.engine.writer.Recovery;
import org.muster.interop.eido.EidoIncident;
import org.muster.interop.eido.EidoWriter;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * One incident of the log, open or finished, as a NENA EIDO document on standard output: what {@code GET
 * /api/v1/incidents/{id}/eido} answers, read from the store.
 */
@Command(
        name = "eido",
        mixinStandardHelpOptions = true,
        description = "Print an incident as a NENA EIDO (JSON) document.")
final class ExportEido implements Callable<Integer> {
    @Parameters(paramLabel = "ID", description = "The incident's id")
    String id;

    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {

        store.configuredBy(config);
        IncidentId incidentId = IncidentId.of(id);
        String doc;
        try (EventStore log = EventLogs.open(store.existing())) {
            MusterState state = Recovery.replay(log).state();
            Incident incident = state.findIncident(incidentId)
                    .or(() -> log.closedIncidents().findIncident(incidentId))
                    .orElseThrow(() -> new NotFoundException("incident", id));
            doc = EidoWriter.write(
                    EidoIncident.of(
                            incident,
                            state.organisations(),
                            state.units(),
                            log.receivedIncidents().findReceived(incidentId)),
                    StoreClock.now(log, Clock.systemUTC()));
        }
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        out.println(doc);
        out.flush();
        return 0;
    }
}
