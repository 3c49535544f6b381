package org.muster.domain.incident;

import java.util.List;
import java.util.Optional;

/**
 * The incidents handed over from other control rooms, with what they came in (see {@link ReceivedIncident}):
 * kept beside the log, outside its hash chain, as the closed incidents are. The store keeps them in a table;
 * {@link #NONE} keeps nothing. All methods may throw {@link org.muster.domain.TransientException} when
 * storage fails.
 */
public interface ReceivedIncidents {

    /** Keeps nothing: an incident received here is sent on without what Muster does not model. */
    ReceivedIncidents NONE = new ReceivedIncidents() {
        @Override
        public void save(ReceivedIncident received) {}

        @Override
        public Optional<ReceivedIncident> findReceived(IncidentId incident) {
            return Optional.empty();
        }

        @Override
        public List<ReceivedIncident> findBySender(String standard, String sender, String senderIncident) {
            return List.of();
        }
    };

    /** Keeps it; saving for the same incident again replaces it. */
    void save(ReceivedIncident received);

    Optional<ReceivedIncident> findReceived(IncidentId incident);

    /**
     * The incidents made here from the sender's incident {@code senderIncident}, as {@code sender} named itself in
     * {@code standard}, oldest first: one for each organisation that received it.
     */
    List<ReceivedIncident> findBySender(String standard, String sender, String senderIncident);
}
