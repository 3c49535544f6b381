package org.muster.engine.aid;

import java.util.List;
import org.muster.domain.aid.AidRequestId;

/**
 * The organisations that could help with a request, best first.
 *
 * @param sequence the last event of the state the suggestions were made from
 * @param stillNeeded how many units (or people) the request still needs
 * @param byRoad whether travel times are road travel times; otherwise straight-line estimates (see notes)
 * @param notes what the whole answer rests on: straight-line estimates, no coverage model, who already
 *     answered
 */
public record AidSuggestions(
        AidRequestId request,
        long sequence,
        int stillNeeded,
        boolean byRoad,
        List<AidSuggestion> suggestions,
        List<String> notes) {
    public AidSuggestions {
        suggestions = List.copyOf(suggestions);
        notes = List.copyOf(notes);
    }
}
