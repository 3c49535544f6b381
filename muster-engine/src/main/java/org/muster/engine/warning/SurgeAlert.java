package org.muster.engine.warning;

import java.time.Instant;
import java.util.Optional;
import org.muster.domain.Check;

/**
 * A count of one incident type in one scope well above its own baseline.
 *
 * @param surgeKey the scope and incident type
 * @param windowStart the start of the window counted
 * @param raisedAt the end of the window counted, when the alert was raised
 * @param windowBins the window's length in bins
 * @param count incidents in the window
 * @param baselineMean the mean count per bin over the baseline
 * @param baselineSd the sample standard deviation of the count per bin over the baseline
 * @param baselineBins how many bins the baseline held (fewer than configured while the detector warms up)
 * @param expected the count the baseline expects in the window: {@code windowBins × baselineMean}, with a
 *     floor of half an incident per baseline when the baseline saw none
 * @param ratio {@code count / expected}
 * @param pValue the one-sided tail probability of a count this high (the exact conditional Poisson test,
 *     or the negative binomial tail if larger when the baseline is overdispersed), multiplied by the number
 *     of windows tried (Bonferroni), at most 1
 * @param cStatistic the EARS C statistic for the window, {@code (count - expected) / (sd × √windowBins)},
 *     with the sd floored at the Poisson sd √mean so a flat baseline does not divide by zero
 * @param model the count model the tail probability came from
 * @param baseline whether the expectation came from the key's own history or, while that is too short,
 *     from a configured baseline (then {@code baselineBins} is 0 and the mean is the configured one)
 * @param summary the alert in words
 * @param proposedAction what Muster suggests, if anything
 */
public record SurgeAlert(
        SurgeKey surgeKey,
        Instant windowStart,
        Instant raisedAt,
        int windowBins,
        long count,
        double baselineMean,
        double baselineSd,
        int baselineBins,
        double expected,
        double ratio,
        double pValue,
        double cStatistic,
        CountModel model,
        Baseline baseline,
        String summary,
        Optional<ProposedAction> proposedAction)
        implements Alert {

    /** The distribution assumed for a key's counts per bin. */
    public enum CountModel {
        /** The baseline's variance is no more than chance allows for a Poisson count: the conditional test alone. */
        POISSON,
        /** The baseline is overdispersed: the negative binomial's tail too, the larger of the two taken. */
        NEGATIVE_BINOMIAL
    }

    /** Where the expectation came from. */
    public enum Baseline {
        /** The key's own counts over the bins before the window. */
        HISTORY,
        /** Expected counts supplied from outside (a demand model, imported history). */
        CONFIGURED;

        /** The evidence's word for it. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public SurgeAlert {
        Check.present("baseline", baseline);
        Check.present("surgeKey", surgeKey);
        Check.present("windowStart", windowStart);
        Check.present("raisedAt", raisedAt);
        Check.present("model", model);
        Check.present("summary", summary);
        Check.present("proposedAction", proposedAction);
    }

    @Override
    public String key() {
        var scope = surgeKey.scope() instanceof Scope.InZone ? "zone" : "organisation";
        return "surge:" + scope + ":" + surgeKey.scope().code() + ":"
                + surgeKey.type().value();
    }
}
