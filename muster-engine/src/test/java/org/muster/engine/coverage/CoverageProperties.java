package org.muster.engine.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.muster.engine.testing.Commands.env;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.muster.domain.GeoPoint;
import org.muster.domain.MusterException;
import org.muster.domain.command.Command;
import org.muster.domain.command.PeopleSelection;
import org.muster.domain.command.UnitSelection;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.incident.IncidentType;
import org.muster.domain.people.Skill;
import org.muster.domain.unit.UnavailableReason;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.engine.rules.Rules;
import org.muster.engine.state.MusterState;
import org.muster.engine.testing.RegionFixture;
import org.muster.engine.testing.TestClock;
import org.muster.engine.writer.SingleWriter;
import org.muster.geo.road.GeoBounds;

/**
 * Incremental coverage equals coverage computed from nothing, after any seeded sequence of status
 * changes, moves (onto roads, onto another unit's spot, far from any road), withdrawals and returns of
 * people and units, and dispatches, all through the engine on the generated region. Checked every few
 * steps and at the end; a failure names its seed.
 */
class CoverageProperties {
    private static final int CHECK_EVERY = 15;

    @Property(tries = 12)
    void incrementalCoverageEqualsTheFullRecompute(@ForAll long seed, @ForAll @IntRange(min = 5, max = 60) int steps) {
        TestClock clock = TestClock.at("2026-11-22T18:00:00Z");
        // Counting returning units too exercises more statuses; the default counts available ones only.
        CoverageConfig config = seed % 2 == 0
                ? CoverageConfig.DEFAULTS
                : CoverageConfig.DEFAULTS
                        .withCountedStatuses(java.util.EnumSet.of(UnitStatus.AVAILABLE, UnitStatus.RETURNING))
                        .withByUnitType(false);
        try (SingleWriter engine = RegionFixture.engine(clock)) {
            CoverageTracker tracker = CoverageTracker.start(RegionCells.cells(), config, engine.state(), Runnable::run);
            try (var subscription = engine.subscribe(tracker)) {
                RandomChanges changes =
                        new RandomChanges(seed, RegionFixture.network().bounds());
                for (int step = 1; step <= steps; step++) {
                    clock.advance(Duration.ofSeconds(13));
                    try {
                        engine.execute(env(changes.next(engine.state())));
                    } catch (MusterException refused) {
                        // a refused command changes nothing, which coverage must not notice either
                    }
                    if (step % CHECK_EVERY == 0 || step == steps) {
                        assertThat(tracker.report())
                                .as("seed %d after step %d", seed, step)
                                .isEqualTo(CoverageReference.compute(RegionCells.cells(), config, engine.state()));
                    }
                }
            }
        }
    }

    /** Seeded changes to units, drawn against the current state. */
    private static final class RandomChanges {
        private final SplittableRandom random;
        private final GeoBounds bounds;
        private final List<IncidentType> types = Rules.defaults().catalogue().listTypes();
        private int incidents;

        RandomChanges(long seed, GeoBounds bounds) {
            this.random = new SplittableRandom(seed);
            this.bounds = bounds;
        }

        Command next(MusterState s) {
            List<Unit> units = new ArrayList<>(s.units().values());
            units.sort(Comparator.comparing(u -> u.id().value()));
            Unit unit = units.get(random.nextInt(units.size()));
            int roll = random.nextInt(100);
            if (roll < 30) return statusChange(unit);
            if (roll < 55) return new Command.ReportPosition(unit.id(), pointInRegion());
            if (roll < 63) {
                Unit other = units.get(random.nextInt(units.size()));
                return new Command.ReportPosition(
                        unit.id(), other.position().map(p -> p.point()).orElseGet(this::pointInRegion));
            }
            if (roll < 66) return new Command.ReportPosition(unit.id(), GeoPoint.of(50.0, -4.0));
            if (roll < 76) {
                Skill skill = List.of(Skill.PARAMEDIC, Skill.RESPONSE_DRIVER, Skill.AUTHORISED_FIREARMS_OFFICER)
                        .get(random.nextInt(3));
                var selection = PeopleSelection.withSkill(
                        unit.organisation(), skill, 0.2 + 0.6 * random.nextDouble(), random.nextLong());
                return random.nextBoolean()
                        ? new Command.WithdrawPeople(selection, org.muster.domain.command.WithdrawalMode.SKILL)
                        : new Command.ReturnPeople(selection, org.muster.domain.command.WithdrawalMode.SKILL);
            }
            if (roll < 86) {
                var selection = UnitSelection.of(
                        unit.organisation(),
                        Optional.of(unit.type()),
                        0.3 + 0.5 * random.nextDouble(),
                        random.nextLong());
                return random.nextBoolean() ? new Command.WithdrawUnits(selection) : new Command.ReturnUnits(selection);
            }
            return dispatch(s, unit);
        }

        private Command statusChange(Unit unit) {
            List<UnitStatus> next = new ArrayList<>(unit.status().allowedNext());
            next.remove(UnitStatus.DISPATCHED);
            if (next.isEmpty()) return new Command.ChangeUnitStatus(unit.id(), UnitStatus.AVAILABLE, Optional.empty());
            UnitStatus to = next.get(random.nextInt(next.size()));
            Optional<UnavailableReason> reason =
                    to == UnitStatus.UNAVAILABLE ? Optional.of(UnavailableReason.OUT_OF_SERVICE) : Optional.empty();
            return new Command.ChangeUnitStatus(unit.id(), to, reason);
        }

        /** An incident of the unit's agency beside it, then the unit sent to it: a dispatch takes it off. */
        private Command dispatch(MusterState s, Unit unit) {
            List<IncidentType> ofAgency = types.stream()
                    .filter(t -> t.agency() == unit.type().agency())
                    .toList();
            IncidentId id = IncidentId.of("COV-" + (++incidents) + "-" + Long.toHexString(random.nextLong() & 0xfff));
            if (random.nextBoolean()
                    || ofAgency.isEmpty()
                    || s.listOpenIncidents().isEmpty()) {
                IncidentType type = ofAgency.isEmpty() ? types.get(0) : ofAgency.get(random.nextInt(ofAgency.size()));
                return new Command.CreateIncident(
                        id, unit.organisation(), type.code(), Optional.empty(), pointInRegion(), "", new TreeSet<>());
            }
            var open = s.listOpenIncidents();
            return new Command.AssignUnit(
                    open.get(random.nextInt(open.size())).id(), unit.id(), AssignmentRole.PRIMARY);
        }

        private GeoPoint pointInRegion() {
            return GeoPoint.of(
                    bounds.southWest().lat()
                            + random.nextDouble()
                                    * (bounds.northEast().lat()
                                            - bounds.southWest().lat()),
                    bounds.southWest().lon()
                            + random.nextDouble()
                                    * (bounds.northEast().lon()
                                            - bounds.southWest().lon()));
        }
    }
}
