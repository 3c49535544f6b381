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

/** {@code export eido}, {@code import eido} and {@code export cap} as a user runs them, on a store. */
class InteropCommandsIT {
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

        // the same document again: WSP's I-1 is ESP's call already, not a second one
        Run again = CommandLineTest.run(
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
        assertThat(again.exit()).as(again.err()).isEqualTo(ErrorHandler.CONFLICT);
        assertThat(again.err())
                .contains("incidentComponent.$id", "urn:muster:WSP:incident:I-1", "ESP's incident " + created, "OPEN");

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

    @Test
    void aPublicAlertOfTheLogIsPrintedAsValidCapAndListedInTheFeed() throws Exception {
        String store = "sqlite:" + dir.resolve("alerts.db");
        var area = new org.muster.domain.publicalert.AlertArea(
                "Around the works",
                Sorted.empty(),
                java.util.List.of(
                        GeoPoint.of(52.48, -1.92),
                        GeoPoint.of(52.49, -1.92),
                        GeoPoint.of(52.49, -1.91),
                        GeoPoint.of(52.48, -1.92)));
        var content = new org.muster.domain.publicalert.PublicAlertContent(
                "Fire at the works: stay indoors",
                "Smoke is drifting east.",
                org.muster.domain.publicalert.Advice.STAY_INDOORS,
                org.muster.domain.publicalert.AlertSeverity.SEVERE,
                area,
                Optional.empty());
        var id = org.muster.domain.publicalert.PublicAlertId.of("PA-1");
        try (EventStore log = EventLogs.open(StoreConfig.parse(store));
                SingleWriter engine =
                        SingleWriter.start(log, Rules.defaults(), Clock.systemUTC(), WriterConfig.DEFAULTS)) {
            int n = 0;
            for (Command c : java.util.List.<Command>of(
                    new Command.RegisterOrganisation(OrganisationId.of("MFRS"), "Midshire Fire", Agency.FIRE),
                    new Command.IssuePublicAlert(id, OrganisationId.of("MFRS"), content),
                    new Command.UpdatePublicAlert(id, content)))
                engine.execute(new CommandEnvelope(CommandId.of("c" + n++), Actor.of("test"), "", c));
        }
        Run message = CommandLineTest.run("export", "cap", "PA-1", "--store", store);
        assertThat(message.exit()).as(message.err()).isZero();
        assertThat(message.out()).contains("<msgType>Update</msgType>", "urn:muster:MFRS:alert:PA-1:1");
        javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(SharedSchemas.cap().toFile())
                .newValidator()
                .validate(new javax.xml.transform.stream.StreamSource(
                        new java.io.StringReader(message.out().strip())));
        Run feed = CommandLineTest.run("export", "cap", "--store", store);
        assertThat(feed.exit()).as(feed.err()).isZero();
        assertThat(feed.out()).contains("Fire at the works: stay indoors", "/api/v1/cap/alerts/PA-1");
    }

    @Test
    void aMutualAidRequestGoesOutAsValidEdxlRmMessages() throws Exception {
        String store = "sqlite:" + dir.resolve("aid.db");
        try (EventStore log = EventLogs.open(StoreConfig.parse(store));
                SingleWriter engine =
                        SingleWriter.start(log, Rules.defaults(), Clock.systemUTC(), WriterConfig.DEFAULTS)) {
            int n = 0;
            for (Command c : java.util.List.<Command>of(
                    new Command.RegisterOrganisation(OrganisationId.of("WSP"), "Westshire Police", Agency.POLICE),
                    new Command.RegisterOrganisation(OrganisationId.of("ESP"), "Eastshire Police", Agency.POLICE),
                    new Command.RequestAid(
                            org.muster.domain.aid.AidRequestId.of("R1"),
                            OrganisationId.of("WSP"),
                            org.muster.domain.aid.AidNeed.units(
                                    org.muster.domain.unit.UnitType.ARMED_RESPONSE_VEHICLE, 2, java.util.Set.of()),
                            GeoPoint.of(52.48, -1.91),
                            java.time.Instant.now().plusSeconds(3600),
                            java.time.Duration.ofHours(8),
                            "armed stand-off",
                            org.muster.domain.aid.AidPriority.URGENT,
                            org.muster.domain.aid.Addressees.organisations(
                                    Sorted.setOf(java.util.Set.of(OrganisationId.of("ESP")))),
                            false),
                    new Command.DeclineAid(
                            org.muster.domain.aid.AidRequestId.of("R1"),
                            OrganisationId.of("ESP"),
                            "our own ARVs are committed")))
                engine.execute(new CommandEnvelope(CommandId.of("c" + n++), Actor.of("test"), "", c));
        }
        Run all = CommandLineTest.run("export", "edxl-rm", "R1", "--store", store);
        assertThat(all.exit()).as(all.err()).isZero();
        assertThat(all.out()).contains("<RequestResource", "<ResponseToRequestResource", "our own ARVs are committed");
        var schema = javax.xml.validation.SchemaFactory.newInstance(javax.xml.XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(getClass().getResource("/org/muster/interop/edxlrm/edxl-rm-msg.xsd"));
        for (int i = 1; i <= 2; i++) {
            Run one = CommandLineTest.run("export", "edxl-rm", "R1", "--message", String.valueOf(i), "--store", store);
            assertThat(one.exit()).as(one.err()).isZero();
            schema.newValidator()
                    .validate(new javax.xml.transform.stream.StreamSource(
                            new java.io.StringReader(one.out().strip())));
        }
        assertThat(CommandLineTest.run("export", "edxl-rm", "R1", "--message", "3", "--store", store)
                        .exit())
                .isEqualTo(ErrorHandler.INVALID);
        assertThat(CommandLineTest.run("export", "edxl-rm", "R404", "--store", store)
                        .exit())
                .isEqualTo(ErrorHandler.NOT_FOUND);
    }
}
