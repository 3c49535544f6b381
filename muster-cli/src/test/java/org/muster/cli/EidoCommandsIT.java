package org.muster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.CommandLineTest.Run;
import org.muster.domain.GeoPoint;
import org.muster.domain.Sorted;
import org.muster.domain.command.Actor;
import org.muster.domain.command.Command;
import org.muster.domain.command.CommandEnvelope;
import org.muster.domain.command.CommandId;
import org.muster.domain.incident.Hazard;
import org.muster.domain.incident.Incident;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentTypeCode;
import org.muster.domain.organisation.Agency;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.rules.Rules;
import org.muster.engine.writer.Recovery;
import org.muster.engine.writer.SingleWriter;
import org.muster.engine.writer.WriterConfig;
import org.muster.interop.eido.EidoSchema;
import org.muster.interop.testing.SharedSchemas;
import org.muster.store.EventLogs;
import org.muster.store.EventStore;
import org.muster.store.StoreConfig;

/** {@code export eido} and {@code import eido} as a user runs them, on one store for two forces. */
class EidoCommandsIT {
    @TempDir
    Path dir;

    @Test
    void anIncidentGoesOutAsAValidEidoAndComesBackInAnotherForceWithItsReferences() throws Exception {
        Path schemas = SharedSchemas.folder();
        String store = "sqlite:" + dir.resolve("muster.db");
        try (EventStore log = EventLogs.open(StoreConfig.parse(store));
                SingleWriter engine =
                        SingleWriter.start(log, Rules.defaults(), Clock.systemUTC(), WriterConfig.DEFAULTS)) {
            int n = 0;
            for (Command c : java.util.List.<Command>of(
                    new Command.RegisterOrganisation(OrganisationId.of("WSP"), "Westshire Police", Agency.POLICE),
                    new Command.RegisterOrganisation(OrganisationId.of("ESP"), "Eastshire Police", Agency.POLICE),
                    new Command.CreateIncident(
                            IncidentId.of("I-1"),
                            OrganisationId.of("WSP"),
                            IncidentTypeCode.of("STABBING"),
                            Optional.empty(),
                            GeoPoint.of(52.48, -1.91),
                            "Male with stab wound, suspect on scene",
                            Sorted.setOf(java.util.Set.of(Hazard.WEAPONS)))))
                engine.execute(new CommandEnvelope(CommandId.of("c" + n++), Actor.of("test"), "", c));
        }
        Run exported = CommandLineTest.run("export", "eido", "I-1", "--store", store);
        assertThat(exported.exit()).as(exported.err()).isZero();
        EidoSchema schema = EidoSchema.load(schemas.resolve("eido"));
        assertThat(schema.check(exported.out())).isEmpty();
        Path file = Files.writeString(dir.resolve("i-1.json"), exported.out());

        Run imported = CommandLineTest.run(
                "import",
                "eido",
                file.toString(),
                "--org",
                "ESP",
                "--store",
                store,
                "--schemas",
                schemas.toString(),
                "--data",
                dir.resolve("data").toString());
        assertThat(imported.exit()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("created in ESP from urn:muster:WSP's urn:muster:WSP:incident:I-1");
        String created = imported.out().substring(0, imported.out().indexOf(' '));

        try (EventStore log = EventLogs.open(StoreConfig.parse(store))) {
            Incident copy = Recovery.replay(log).state().getIncident(IncidentId.of(created));
            assertThat(copy.organisation()).isEqualTo(OrganisationId.of("ESP"));
            assertThat(copy.type().value()).isEqualTo("STABBING");
            assertThat(copy.description()).isEqualTo("Male with stab wound, suspect on scene");
            assertThat(copy.hazards()).containsExactly(Hazard.WEAPONS);
            assertThat(copy.location()).isEqualTo(GeoPoint.of(52.48, -1.91));
        }
        Run onward = CommandLineTest.run("export", "eido", created, "--store", store);
        assertThat(onward.exit()).as(onward.err()).isZero();
        assertThat(schema.check(onward.out())).isEmpty();
        assertThat(onward.out()).contains("\"incidentTrackingIdentifier\" : \"urn:muster:WSP:incident:I-1\"");

        // a broken document: every violation named, nothing created
        Path broken = Files.writeString(
                dir.resolve("broken.json"),
                exported.out()
                        .replace("\"eidoVersion\" : \"1.0\"", "\"eidoVersion\" : \"7\"")
                        .replace("\"issuingElementIdentification\"", "\"issuer\""));
        Run refused = CommandLineTest.run(
                "import",
                "eido",
                broken.toString(),
                "--org",
                "ESP",
                "--store",
                store,
                "--schemas",
                schemas.toString(),
                "--data",
                dir.resolve("data").toString());
        assertThat(refused.exit()).isEqualTo(ErrorHandler.INVALID);
        assertThat(refused.err()).contains("/eidoVersion", "issuingElementIdentification");
        try (EventStore log = EventLogs.open(StoreConfig.parse(store))) {
            assertThat(Recovery.replay(log).state().incidents()).hasSize(2);
        }
        assertThat(CommandLineTest.run("export", "eido", "I-404", "--store", store)
                        .exit())
                .isEqualTo(ErrorHandler.NOT_FOUND);
    }
}
