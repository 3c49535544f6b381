package org.muster.domain.publicalert;

import java.time.Instant;
import java.util.Optional;
import org.muster.domain.Check;
import org.muster.domain.InvalidInputException;

/**
 * What a public alert says, as issued or updated.
 *
 * @param headline a short line a phone can show ("Police incident: stay indoors")
 * @param description what is happening, in a few sentences; may be empty
 * @param expires when the alert lapses by itself, if it does
 */
public record PublicAlertContent(
        String headline,
        String description,
        Advice advice,
        AlertSeverity severity,
        AlertArea area,
        Optional<Instant> expires) {
    /** CAP's limit on a headline is advisory (160 characters); phones cut longer ones. */
    public static final int MAX_HEADLINE = 160;

    public static final int MAX_DESCRIPTION = 4_000;

    public PublicAlertContent {
        headline = Check.text("headline", headline);
        if (headline.length() > MAX_HEADLINE)
            throw InvalidInputException.of(
                    "headline", headline.substring(0, 40) + "...", "must be at most " + MAX_HEADLINE + " characters");
        description = Check.present("description", description).strip();
        if (description.length() > MAX_DESCRIPTION)
            throw InvalidInputException.of(
                    "description",
                    description.substring(0, 40) + "...",
                    "must be at most " + MAX_DESCRIPTION + " characters");
        Check.present("advice", advice);
        Check.present("severity", severity);
        Check.present("area", area);
        Check.present("expires", expires);
    }
}
