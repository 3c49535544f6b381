package org.muster.server.api;

import java.nio.file.Path;
import org.muster.domain.ConflictException;
import org.muster.domain.incident.Incident;
import org.muster.engine.state.MusterState;
import org.muster.interop.eido.EidoIncident;
import org.muster.interop.eido.EidoReader;
import org.muster.interop.eido.EidoSchema;
import org.muster.server.MusterNode;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The interchange standards as the running service uses them: NENA's EIDO schema, read once from {@code
 * muster.schemas} (by default {@code ../shared/schemas}, where the project keeps the published files) when the
 * first document comes in, and an incident gathered with what its EIDO needs.
 */
@Component
public final class Interchange {
    private final MusterNode node;
    private final Path schemas;
    private volatile EidoReader eido;

    public Interchange(MusterNode node, @Value("${muster.schemas:../shared/schemas}") String schemas) {
        this.node = node;
        this.schemas = Path.of(schemas);
    }

    /**
     * The EIDO reader, its schema loaded on first use.
     *
     * @throws ConflictException when the schema is not where {@code muster.schemas} says: a service set up
     *     without it takes no documents, as one without a road network makes no recommendations
     */
    public EidoReader eidoReader() {
        EidoReader r = eido;
        if (r != null) return r;
        synchronized (this) {
            if (eido == null) {
                try {
                    eido = new EidoReader(EidoSchema.load(schemas.resolve("eido")));
                } catch (java.io.UncheckedIOException e) {
                    throw new ConflictException(
                            "EIDO documents cannot be checked: NENA's schema is not at " + schemas.resolve("eido")
                                    + " (set muster.schemas to the folder holding eido/openapi.yaml): "
                                    + e.getMessage());
                }
            }
            return eido;
        }
    }

    /** The incident with its organisations, the units assigned and the document it came in, if any. */
    public EidoIncident eidoOf(Incident incident) {
        MusterState state = node.engine().state();
        return EidoIncident.of(
                incident,
                state.organisations(),
                state.units(),
                node.log().receivedIncidents().findReceived(incident.id()));
    }
}
