package org.muster.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.muster.cli.config.ServiceConfig;
import org.muster.domain.InvalidInputException;
import org.muster.domain.incident.Priority;
import org.muster.domain.organisation.OrganisationId;
import org.muster.engine.performance.ResponseTargets;
import org.muster.sim.control.DispatchDelay;
import org.muster.store.StoreConfig;

class DemoSettingsTest {
    @TempDir
    Path dir;

    @Test
    void lifeThreateningCallsWaitAControlRoomsMinuteSeriousOnesAtMostFiveAndTheRestThePersonsSecondsAtTheDemosSpeed() {
        // 30 real seconds at ten times real time are five simulated minutes: most of a C1's seven
        assertThat(new DemoSettings(7, 10, 1, 30).dispatchDelay())
                .isEqualTo(new DispatchDelay(Duration.ofMinutes(1), Duration.ofMinutes(5)));
        assertThat(new DemoSettings(7, 120, 1, 5).dispatchDelay())
                .isEqualTo(new DispatchDelay(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10)));
        // at sixty times, 30 real seconds would leave every C2 half an hour without a unit: serious calls are sent
        // to within five simulated minutes, whatever the speed; the rest wait the person's half hour
        assertThat(new DemoSettings(7, 60, 1, 30).dispatchDelay())
                .isEqualTo(new DispatchDelay(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30)));
        assertThat(new DemoSettings(7, 60, 1, 30).dispatchDelay().serious()).isEqualTo(DemoSettings.SERIOUS);
        // a person who asks for no wait gets none, for any call
        assertThat(new DemoSettings(7, 10, 1, 0).dispatchDelay()).isEqualTo(DispatchDelay.of(Duration.ZERO));
        assertThat(new DemoSettings(7, 1, 1, 2).dispatchDelay()).isEqualTo(DispatchDelay.of(Duration.ofSeconds(2)));
    }

    @Test
    void theSettingsAreReadBackAsTheDemoWroteThem() throws Exception {
        assertThat(DemoSettings.read(dir)).isEmpty();
        DemoSettings written = new DemoSettings(-4_611_686_018_427_387_903L, 37.5, 0.4, 12);
        written.write(dir);
        assertThat(DemoSettings.read(dir)).contains(written);

        DemoSettings rehearsing = new DemoSettings(
                7,
                60,
                1,
                30,
                Optional.of(new DemoSettings.Rehearsal(
                        dir.resolve("walkout.yml").toAbsolutePath(),
                        new TreeMap<>(Map.of(
                                "muster.targets.WSP.EMERGENCY", "p90 PT15M",
                                "muster.zone-targets.ESP-03.EMERGENCY", "mean PT12M, p90 PT20M",
                                "muster.dispatch.cars-held", "4")))));
        rehearsing.write(dir);
        assertThat(DemoSettings.read(dir)).contains(rehearsing);
    }

    @Test
    void aRehearsalsStoreIsJudgedByItsScenariosTargetsAlone() throws Exception {
        assertThat(org.muster.cli.Main.run(
                        "generate", "--out", dir.resolve("region-seed-7").toString(), "--seed", "7"))
                .isZero();
        new DemoSettings(
                        7,
                        10,
                        1,
                        30,
                        Optional.of(new DemoSettings.Rehearsal(
                                dir.resolve("disorder.yml"),
                                new TreeMap<>(Map.of("muster.targets.WSP.EMERGENCY", "p90 PT15M")))))
                .write(dir);
        ResponseTargets targets = new ServiceConfig()
                .settingsFor(StoreConfig.parse("sqlite:" + dir.resolve("muster.db")))
                .responseTargets();
        assertThat(targets.targetFor(OrganisationId.of("WSP"), Priority.EMERGENCY)
                        .p90())
                .contains(Duration.ofMinutes(15));
        assertThat(targets.targetFor(OrganisationId.of("ESP"), Priority.EMERGENCY)
                        .isSet())
                .as("the demo's own targets give way to the scenario's, which name none for Eastshire")
                .isFalse();
    }

    @Test
    void aCommandReadingADemosStoreJudgesItByTheDemosOwnTargets() {
        // the demo's folder as ./muster demo leaves it: its settings, its region, its store beside them
        assertThat(org.muster.cli.Main.run(
                        "generate", "--out", dir.resolve("region-seed-7").toString(), "--seed", "7"))
                .isZero();
        new DemoSettings(7, 10, 1, 30).write(dir);
        StoreConfig demoStore = StoreConfig.parse("sqlite:" + dir.resolve("muster.db"));
        ResponseTargets targets = new ServiceConfig().settingsFor(demoStore).responseTargets();
        // the forces' own, which the demo's dashboard judges by: the Home Office's 15 minutes in towns, 20 in the
        // country (Westshire's districts each have a town, Northshire's none, Eastshire's all but Winddon)
        assertThat(targets.targetFor(OrganisationId.of("WSP"), Priority.EMERGENCY)
                        .p90())
                .contains(Duration.ofMinutes(15));
        assertThat(targets.targetFor(OrganisationId.of("NSP"), Priority.EMERGENCY)
                        .p90())
                .contains(Duration.ofMinutes(20));
        assertThat(targets.targetFor(
                                org.muster.domain.organisation.ZoneId.of("ESP-03"),
                                OrganisationId.of("ESP"),
                                Priority.EMERGENCY)
                        .p90())
                .contains(Duration.ofMinutes(20));
        assertThat(targets.targetFor(OrganisationId.of("ESP"), Priority.PRIORITY)
                        .p90())
                .contains(Duration.ofMinutes(60));
        // and its zones where the demo keeps them, its own folder, without --data
        assertThat(new org.muster.cli.config.DataOptions()
                        .configuredBy(new ServiceConfig(), demoStore)
                        .dir())
                .isEqualTo(dir.toAbsolutePath());
        // any other store: Muster's defaults, under which a police force has no target
        StoreConfig other =
                StoreConfig.parse("sqlite:" + dir.resolve("elsewhere").resolve("muster.db"));
        assertThat(DemoSettings.serverSettingsBeside(other)).isEmpty();
        assertThat(new ServiceConfig()
                        .settingsFor(other)
                        .responseTargets()
                        .targetFor(OrganisationId.of("WSP"), Priority.EMERGENCY)
                        .p90())
                .isEmpty();
    }

    @Test
    void aDamagedFileIsRefusedNamingTheKeyAndValue() throws Exception {
        Files.writeString(dir.resolve(DemoSettings.FILE), "seed=7\nspeed=fast\ndemand=1\ndispatch-delay-seconds=30\n");
        assertThatThrownBy(() -> DemoSettings.read(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("speed")
                .hasMessageContaining("fast")
                .hasMessageContaining("must be a number");
        Files.writeString(dir.resolve(DemoSettings.FILE), "seed=7\nspeed=10\ndemand=1\n");
        assertThatThrownBy(() -> DemoSettings.read(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("dispatch-delay-seconds")
                .hasMessageContaining("must be given");
        Files.writeString(dir.resolve(DemoSettings.FILE), "seed=7\nspeed=5000\ndemand=1\ndispatch-delay-seconds=30\n");
        assertThatThrownBy(() -> DemoSettings.read(dir))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("--speed")
                .hasMessageContaining("0.1 to 1000");
    }
}
