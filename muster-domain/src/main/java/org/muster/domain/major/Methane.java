package org.muster.domain.major;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.muster.domain.Check;

/**
 * The JESIP METHANE message, each part in the sender's words: Major incident declared (or standby), Exact
 * location, Type of incident, Hazards, Access, Number and type of casualties, Emergency services present
 * and required.
 */
public record Methane(
        String majorIncident,
        String exactLocation,
        String type,
        String hazards,
        String access,
        String casualties,
        String emergencyServices) {
    public Methane {
        majorIncident = Check.text("majorIncident", majorIncident);
        exactLocation = Check.text("exactLocation", exactLocation);
        type = Check.text("type", type);
        hazards = Check.text("hazards", hazards);
        access = Check.text("access", access);
        casualties = Check.text("casualties", casualties);
        emergencyServices = Check.text("emergencyServices", emergencyServices);
    }

    /** The parts by their METHANE heading, in the message's order. */
    public Map<String, String> parts() {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("M - Major incident declared", majorIncident);
        out.put("E - Exact location", exactLocation);
        out.put("T - Type of incident", type);
        out.put("H - Hazards", hazards);
        out.put("A - Access", access);
        out.put("N - Number of casualties", casualties);
        out.put("E - Emergency services present and required", emergencyServices);
        return java.util.Collections.unmodifiableMap(out);
    }

    /** The headings of the parts that differ from {@code previous}, in the message's order. */
    public List<String> changedFrom(Methane previous) {
        List<String> out = new ArrayList<>();
        Map<String, String> before = previous.parts();
        parts().forEach((heading, text) -> {
            if (!text.equals(before.get(heading))) out.add(heading);
        });
        return List.copyOf(out);
    }
}
