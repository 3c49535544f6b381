package org.muster.sim.crew;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.muster.domain.GeoPoint;
import org.muster.domain.aid.AidNeed;
import org.muster.domain.command.Command;
import org.muster.domain.incident.AssignmentRole;
import org.muster.domain.incident.IncidentId;
import org.muster.domain.organisation.OrganisationId;
import org.muster.domain.organisation.Station;
import org.muster.domain.unit.Unit;
import org.muster.domain.unit.UnitStatus;
import org.muster.domain.unit.UnitType;
import org.muster.engine.testing.Commands;
import org.muster.engine.testing.RegionFixture;

/**
 * A unit lent under mutual aid waits for its host in its vehicle at the rendezvous point: sent to a call from
 * there it drives off at once, with no turnout from a station it is not at.
 */
class LentCrewTest {
    private static final OrganisationId WSP = OrganisationId.of("WSP");
    private static final OrganisationId ESP = OrganisationId.of("ESP");

    @Test
    void aLentCrewSentFromTheRendezvousPointDrivesOffWithoutATurnout() {
        try (CrewRun run = new CrewRun(CrewConfig.defaults().withTurnout(Duration.ofSeconds(90)))) {
            GeoPoint rendezvous = run.state().stations().values().stream()
                    .filter(s -> s.organisation().equals(WSP))
                    .min(java.util.Comparator.comparing(s -> s.id().value()))
                    .map(Station::location)
                    .orElseThrow();
            Unit lent = run.furthestAvailable(UnitType.POLICE_RESPONSE_CAR, ESP, rendezvous);
            run.execute(Commands.requestAid(
                    "AID-1",
                    "WSP",
                    AidNeed.units(UnitType.POLICE_RESPONSE_CAR, 1, Set.of()),
                    rendezvous,
                    run.clock.instant().plus(Duration.ofHours(2)),
                    "ESP"));
            run.execute(Commands.offer("OFFER-1", "AID-1", "ESP", lent.id().value()));
            run.execute(Commands.accept("AID-1", "OFFER-1"));
            run.execute(Commands.deploy("AID-1"));
            run.step(Duration.ofHours(1));
            assertThat(run.state().getUnit(lent.id()).status())
                    .as("the lent car has driven to the host's rendezvous point")
                    .isEqualTo(UnitStatus.AT_RENDEZVOUS);

            IncidentId call = IncidentId.of("HOSTED-1");
            // a scene across the force area: the car is still on its way after the step
            GeoPoint scene = run.state().stations().values().stream()
                    .filter(s -> s.organisation().equals(WSP))
                    .map(Station::location)
                    .max(java.util.Comparator.comparingDouble(rendezvous::distanceMetersTo))
                    .map(p -> RegionFixture.network().snap(p).onRoad())
                    .orElseThrow();
            run.execute(Commands.incident(call.value(), "WSP", "WELFARE_CONCERN", scene));
            run.execute(new Command.AssignUnit(call, lent.id(), AssignmentRole.PRIMARY));
            run.step(Duration.ofSeconds(20));
            // mobile within the step, not after the 90-second turnout a crew at its station takes
            assertThat(run.state().getUnit(lent.id()).status()).isEqualTo(UnitStatus.EN_ROUTE);
        }
    }
}
