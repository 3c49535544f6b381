package org.muster.domain.aid;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.muster.domain.Check;
import org.muster.domain.GeoPoint;
import org.muster.domain.Sorted;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.unit.UnitId;

/**
 * One organisation asking others for units or people: what, where to report and when, for how long, why,
 * and every answer it has had.
 *
 * @param requester the organisation asking; it becomes the host of the units lent
 * @param rendezvous where lent units report
 * @param reportBy when they should be there; an unfilled request expires after it
 * @param duration how long the units are wanted for
 * @param addressees whom it was sent to, a region already resolved to organisations
 * @param offers every offer in the order made, lapsed ones included
 * @param declines every refusal, with its reason
 * @param deployments each unit's time lent, in the order they arrived
 * @param statusSince when the request entered its status
 */
public record AidRequest(
        AidRequestId id,
        OrganisationId requester,
        AidNeed need,
        GeoPoint rendezvous,
        Instant reportBy,
        Duration duration,
        String reason,
        AidPriority priority,
        Addressees addressees,
        AidRequestStatus status,
        List<AidOffer> offers,
        List<Decline> declines,
        List<AidDeployment> deployments,
        Instant requestedAt,
        Instant statusSince) {
    public AidRequest {
        Check.present("request.id", id);
        Check.present("request.requester", requester);
        Check.present("request.need", need);
        Check.present("request.rendezvous", rendezvous);
        Check.present("request.reportBy", reportBy);
        Check.present("request.duration", duration);
        if (duration.isNegative() || duration.isZero())
            throw org.muster.domain.InvalidInputException.of("request.duration", duration, "must be positive");
        reason = Check.text("request.reason", reason);
        Check.present("request.priority", priority);
        Check.present("request.addressees", addressees);
        Check.present("request.status", status);
        offers = List.copyOf(Check.present("request.offers", offers));
        declines = List.copyOf(Check.present("request.declines", declines));
        deployments = List.copyOf(Check.present("request.deployments", deployments));
        Check.present("request.requestedAt", requestedAt);
        Check.present("request.statusSince", statusSince);
    }

    public Optional<AidOffer> findOffer(OfferId offer) {
        return offers.stream().filter(o -> o.id().equals(offer)).findFirst();
    }

    /** The organisation's offer still awaiting an answer, if it has one. */
    public Optional<AidOffer> findPendingOffer(OrganisationId organisation) {
        return offers.stream()
                .filter(o -> o.isPending() && o.offerer().equals(organisation))
                .findFirst();
    }

    /** Every unit the requester has accepted, over all offers. */
    public SortedSet<UnitId> acceptedUnits() {
        TreeSet<UnitId> all = new TreeSet<>();
        for (AidOffer o : offers) all.addAll(o.accepted());
        return Sorted.setOf(all);
    }

    /** Units lent now under this request. */
    public SortedSet<UnitId> lentUnits() {
        TreeSet<UnitId> lent = new TreeSet<>();
        for (AidDeployment d : deployments) if (d.isOngoing()) lent.add(d.unit());
        return Sorted.setOf(lent);
    }

    /** The deployment of the unit still going on, if it is lent under this request now. */
    public Optional<AidDeployment> findOngoingDeployment(UnitId unit) {
        return deployments.stream()
                .filter(d -> d.isOngoing() && d.unit().equals(unit))
                .findFirst();
    }

    /** Whether the unit has been lent under this request at some time (and perhaps gone home again). */
    public boolean hasDeployed(UnitId unit) {
        return deployments.stream().anyMatch(d -> d.unit().equals(unit));
    }

    /**
     * The units this request holds, which no other request may have: those of pending offers, those
     * accepted and not yet gone home, and those lent now. A released or ended request holds only units still
     * lent (none, once released).
     */
    public SortedSet<UnitId> heldUnits() {
        TreeSet<UnitId> held = new TreeSet<>(lentUnits());
        if (status.isFinal() || status == AidRequestStatus.RELEASED) return Sorted.setOf(held);
        for (AidOffer o : offers) if (o.isPending()) held.addAll(o.units());
        for (UnitId u : acceptedUnits())
            if (!hasDeployed(u) || findOngoingDeployment(u).isPresent()) held.add(u);
        return Sorted.setOf(held);
    }

    /**
     * How the request holds a unit not yet lent, in words, for whoever would task it meanwhile: "offered to WSP
     * under mutual aid request R-9" or "accepted for WSP under mutual aid request R-9 (to report by ...)";
     * empty when it holds the unit otherwise (lent) or not at all.
     */
    public Optional<String> holdingInWords(UnitId unit) {
        if (findOngoingDeployment(unit).isPresent() || !heldUnits().contains(unit)) return Optional.empty();
        boolean accepted = acceptedUnits().contains(unit);
        return Optional.of((accepted ? "accepted for " : "offered to ") + requester.value()
                + " under mutual aid request " + id.value() + " (to report by " + reportBy + ")");
    }

    /**
     * The organisations party to the request: the requester, its addressees, and every organisation that
     * offered or declined.
     */
    public SortedSet<OrganisationId> parties() {
        TreeSet<OrganisationId> parties = new TreeSet<>(addressees.organisations());
        parties.add(requester);
        for (AidOffer o : offers) parties.add(o.offerer());
        for (Decline d : declines) parties.add(d.organisation());
        return Sorted.setOf(parties);
    }

    /**
     * Whether every organisation the request was sent to by name has declined it. Declines stand, so once true
     * it stays true; a request sent to the national coordinator alone names nobody and is never declined by
     * all. While it still takes offers, such a request is referred to the coordinator: see {@link #mayAnswer}.
     */
    public boolean isDeclinedByAllAsked() {
        if (addressees.organisations().isEmpty()) return false;
        for (OrganisationId o : addressees.organisations()) if (findDecline(o).isEmpty()) return false;
        return true;
    }

    /**
     * Whether the request, still taking answers, has been refused by everyone it asked with nothing offered
     * (no offer pending, none accepted): its requester and the coordinator must be told, while there is time
     * to find the units elsewhere.
     */
    public boolean isRefused() {
        return status.takesOffers()
                && isDeclinedByAllAsked()
                && offers.stream().noneMatch(o -> o.isPending() || o.status() == OfferStatus.ACCEPTED);
    }

    /**
     * Whether the organisation may offer or decline: one it was sent to, any when the national coordinator
     * brokers it, and any once every organisation it named has declined (it is referred to the coordinator,
     * who may then broker it for any organisation until it is filled or its report-by time passes).
     */
    public boolean mayAnswer(OrganisationId organisation) {
        return addressees.mayAnswer(organisation) || isDeclinedByAllAsked();
    }

    /** The organisation's refusal, if it declined. */
    public Optional<Decline> findDecline(OrganisationId organisation) {
        return declines.stream()
                .filter(d -> d.organisation().equals(organisation))
                .findFirst();
    }

    /**
     * What the request's answers came to, in words, the same wherever they are told (the expiry's reason in
     * the log, the alert of a refused request, the coordinator's picture): who declined and why, whose offer
     * was not taken up, which addressees never answered. "nobody answered" only when nobody did.
     */
    public String answersInWords() {
        return answers(Integer.MAX_VALUE);
    }

    /**
     * The same in at most {@code atMost} characters, to fit a reason or an alert: the decliners' reasons are
     * shortened first, then left out; only then is the whole cut short.
     */
    public String answersInWords(int atMost) {
        for (int reasonChars : new int[] {Integer.MAX_VALUE, 120, 60, 30, 0}) {
            String words = answers(reasonChars);
            if (words.length() <= atMost) return words;
        }
        return answers(0).substring(0, Math.max(0, atMost - 1)) + "\u2026";
    }

    private String answers(int reasonChars) {
        List<String> parts = new ArrayList<>();
        if (!declines.isEmpty())
            parts.add("declined by "
                    + String.join(
                            ", ",
                            declines.stream()
                                    .map(d -> d.organisation().value()
                                            + (reasonChars == 0 ? "" : " (" + shortened(d.reason(), reasonChars) + ")"))
                                    .toList()));
        TreeSet<OrganisationId> offeredNotTaken = new TreeSet<>();
        for (AidOffer o : offers)
            if (o.isPending() && findDecline(o.offerer()).isEmpty()) offeredNotTaken.add(o.offerer());
        if (!offeredNotTaken.isEmpty()) parts.add("offered by " + names(offeredNotTaken) + ", not accepted");
        TreeSet<OrganisationId> silent = new TreeSet<>(addressees.organisations());
        for (AidOffer o : offers) silent.remove(o.offerer());
        for (Decline d : declines) silent.remove(d.organisation());
        if (declines.isEmpty() && offers.isEmpty()) parts.add("nobody answered");
        else if (!silent.isEmpty()) parts.add("no answer from " + names(silent));
        if (addressees.nationalCoordinator() || isDeclinedByAllAsked()) {
            boolean brokered =
                    offers.stream().anyMatch(o -> !addressees.organisations().contains(o.offerer()));
            if (!brokered) parts.add("nothing offered through the national coordinator");
        }
        return String.join("; ", parts);
    }

    private static String shortened(String text, int atMost) {
        return text.length() <= atMost ? text : text.substring(0, atMost - 1).strip() + "\u2026";
    }

    /** The longest reason a command carries ({@link org.muster.domain.command.CommandEnvelope}). */
    private static final int LONGEST_REASON = 1000;

    /**
     * Why the request ends unfilled when its report-by time passes: its answers, in words, within the length
     * of a command's reason.
     */
    public String expiryReason() {
        String head = "unfilled by its report-by time " + reportBy + ": ";
        return head + answersInWords(LONGEST_REASON - head.length());
    }

    private static String names(java.util.Collection<OrganisationId> organisations) {
        return String.join(
                ", ", organisations.stream().map(OrganisationId::value).toList());
    }

    public AidRequest withStatus(AidRequestStatus next, Instant at) {
        return change().status(next).statusSince(at).build();
    }

    /** The request with this offer added, or put in place of the offer with the same id. */
    public AidRequest withOffer(AidOffer offer) {
        List<AidOffer> next = new ArrayList<>(offers);
        int at = indexOf(offer.id());
        if (at >= 0) next.set(at, offer);
        else next.add(offer);
        return change().offers(next).build();
    }

    /** Every pending offer lapses: the request filled or ended before it was taken up. */
    public AidRequest withPendingOffersLapsed() {
        return lapse(null);
    }

    /** The organisation's pending offer lapses: it offered again, or declined. */
    public AidRequest withPendingOfferLapsed(OrganisationId offerer) {
        return lapse(Check.present("offerer", offerer));
    }

    private AidRequest lapse(OrganisationId offererOrAll) {
        List<AidOffer> next = new ArrayList<>(offers.size());
        for (AidOffer o : offers) {
            boolean lapse =
                    o.isPending() && (offererOrAll == null || o.offerer().equals(offererOrAll));
            next.add(lapse ? o.withStatus(OfferStatus.LAPSED) : o);
        }
        return change().offers(next).build();
    }

    public AidRequest withDecline(Decline decline) {
        List<Decline> next = new ArrayList<>(declines);
        next.add(decline);
        return change().declines(next).build();
    }

    public AidRequest withDeployment(AidDeployment deployment) {
        List<AidDeployment> next = new ArrayList<>(deployments);
        next.add(deployment);
        return change().deployments(next).build();
    }

    /** The unit, lent under this request and on its way, reached the rendezvous point at {@code at}. */
    public AidRequest withArrival(UnitId unit, Instant at) {
        List<AidDeployment> next = new ArrayList<>(deployments.size());
        for (AidDeployment d : deployments)
            next.add(d.isTravelling() && d.unit().equals(unit) ? d.arrivedAt(at) : d);
        return change().deployments(next).build();
    }

    /** The unit's ongoing deployment ended at {@code at}. */
    public AidRequest withDeploymentEnded(UnitId unit, Instant at) {
        List<AidDeployment> next = new ArrayList<>(deployments.size());
        for (AidDeployment d : deployments) next.add(d.isOngoing() && d.unit().equals(unit) ? d.endedAt(at) : d);
        return change().deployments(next).build();
    }

    private int indexOf(OfferId offer) {
        for (int i = 0; i < offers.size(); i++) if (offers.get(i).id().equals(offer)) return i;
        return -1;
    }

    private Change change() {
        return new Change(this);
    }

    /** A copy with some parts replaced; each {@code withX} above changes one or two. */
    private static final class Change {
        private final AidRequest r;
        private AidRequestStatus status;
        private List<AidOffer> offers;
        private List<Decline> declines;
        private List<AidDeployment> deployments;
        private Instant statusSince;

        Change(AidRequest r) {
            this.r = r;
            status = r.status;
            offers = r.offers;
            declines = r.declines;
            deployments = r.deployments;
            statusSince = r.statusSince;
        }

        Change status(AidRequestStatus v) {
            status = v;
            return this;
        }

        Change statusSince(Instant v) {
            statusSince = v;
            return this;
        }

        Change offers(List<AidOffer> v) {
            offers = v;
            return this;
        }

        Change declines(List<Decline> v) {
            declines = v;
            return this;
        }

        Change deployments(List<AidDeployment> v) {
            deployments = v;
            return this;
        }

        AidRequest build() {
            return new AidRequest(
                    r.id,
                    r.requester,
                    r.need,
                    r.rendezvous,
                    r.reportBy,
                    r.duration,
                    r.reason,
                    r.priority,
                    r.addressees,
                    status,
                    offers,
                    declines,
                    deployments,
                    r.requestedAt,
                    statusSince);
        }
    }
}
