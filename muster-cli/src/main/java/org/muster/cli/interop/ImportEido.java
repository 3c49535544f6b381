package org.muster.cli.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.muster.cli.config.DataOptions;
import org.muster.cli.config.ServiceConfig;
import org.muster.cli.config.StoreClock;
import org.muster.cli.config.StoreOptions;
import org.muster.cli.config.ZoneGeometry;
import org.muster.domain.ConflictException;
import org.muster.domain.InvalidInputException;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.incident.ReceivedIncident;
import org.muster.domain.organisation.Organisation;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.rules.Rules;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.interop.eido.EidoDocument;
import org.muster.interop.eido.EidoReader;
import org.muster.interop.eido.EidoSchema;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Creates an incident in the log from a NENA EIDO document another control room sent, as {@code POST
 * /api/v1/eido} does: the document must validate against NENA's schema (every violation is listed when it
 * does not, and nothing is created); the sender's identifiers and the whole document are kept beside it. A
 * sender's incident the organisation has received already, live or closed, is refused (exit 4), naming the call.
 */
@picocli.CommandLine.Command(
        name = "eido",
        mixinStandardHelpOptions = true,
        description = "Create an incident from a NENA EIDO (JSON) document.")
public final class ImportEido implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "The EIDO document")
    Path file;

    @Option(names = "--org", paramLabel = "CODE", required = true, description = "The receiving organisation")
    String org;

    @Option(
            names = "--type",
            paramLabel = "CODE",
            description = "Muster's incident type, when the document's incidentTypeInternalCode is not one"
                    + " (a handover between agencies)")
    Optional<String> type = Optional.empty();

    @Mixin
    ServiceConfig config;

    @Mixin
    StoreOptions store;

    @Mixin
    DataOptions data;

    @Mixin
    SchemaOptions schemas;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(file)) throw InvalidInputException.of("FILE", file, "must be a readable file");
        Path eido = schemas.folder().resolve("eido");
        if (!Files.isRegularFile(eido.resolve("openapi.yaml")))
            throw InvalidInputException.of(
                    "--schemas", schemas.folder(), "must be the folder holding NENA's EIDO schema, eido/openapi.yaml");
        String json = Files.readString(file);
        EidoDocument doc = new EidoReader(EidoSchema.load(eido)).read(json);
        store.configuredBy(config);
        data.configuredBy(config);
        Rules rules = config.settings().rules(ZoneGeometry.load(data), Optional.empty());
        try (EventStore log = EventLogs.open(store.config());
                SingleWriter engine = SingleWriter.start(
                        log, rules, StoreClock.forWriting(log, Clock.systemUTC()), WriterConfig.DEFAULTS)) {
            Organisation receiver = engine.state().getOrganisation(OrganisationId.of(org));
            Clock clock = StoreClock.forWriting(log, Clock.systemUTC());
            Command.CreateIncident command = doc.createIncident(receiver, type, rules.catalogue());
            doc.requireNotReceivedBefore(
                    receiver.id(),
                    log.receivedIncidents(),
                    id -> engine.state()
                            .findIncident(id)
                            .or(() -> log.closedIncidents().findIncident(id)));
            try {
                engine.execute(new CommandEnvelope(
                        CommandId.of("import-eido-" + UUID.randomUUID()),
                        Actor.of("import"),
                        "EIDO from " + doc.sender() + " (" + doc.senderIncident() + ")",
                        command));
            } catch (ConflictException e) {
                // the id is the sender's incident's here, as over the API: in use, it has been received
                throw engine.state()
                        .findIncident(command.id())
                        .or(() -> log.closedIncidents().findIncident(command.id()))
                        .map(doc::receivedAlready)
                        .orElseThrow(() -> e);
            }
            log.receivedIncidents()
                    .save(new ReceivedIncident(
                            command.id(),
                            EidoDocument.STANDARD,
                            doc.sender(),
                            doc.senderIncident(),
                            json,
                            clock.instant()));
            System.out.printf(
                    "%s created in %s from %s's %s%n",
                    command.id().value(), receiver.id().value(), doc.sender(), doc.senderIncident());
        }
        return 0;
    }
}
