package org.muster.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.muster.domain.InvalidInputException;

class StoreConfigTest {

    @Test
    void readsAnSqliteUrl() {
        StoreConfig config = StoreConfig.parse("sqlite:/var/lib/muster/muster.db");

        assertThat(config.backend()).isEqualTo(StoreConfig.Backend.SQLITE);
        assertThat(config.findSqliteFile()).contains(Path.of("/var/lib/muster/muster.db"));
        assertThat(config.jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/muster/muster.db");
    }

    @Test
    void readsTheJdbcFormOfAnSqliteUrlAsTheSame() {
        assertThat(StoreConfig.parse("jdbc:sqlite:/tmp/m.db")).isEqualTo(StoreConfig.parse("sqlite:/tmp/m.db"));
    }

    @Test
    void readsAPostgresqlUrl() {
        StoreConfig config =
                StoreConfig.parse("jdbc:postgresql://db1:5432,db2:5432/muster?user=muster&password=s3cret");

        assertThat(config.backend()).isEqualTo(StoreConfig.Backend.POSTGRESQL);
        assertThat(config.findSqliteFile()).isEmpty();
        assertThat(config.jdbcUrl())
                .isEqualTo("jdbc:postgresql://db1:5432,db2:5432/muster?user=muster&password=s3cret");
    }

    @Test
    void neverShowsThePassword() {
        StoreConfig inUrl = StoreConfig.parse("jdbc:postgresql://db/muster?user=muster&password=s3cret&ssl=true");
        StoreConfig given = StoreConfig.parse("jdbc:postgresql://db/muster").withCredentials("muster", "s3cret");

        assertThat(inUrl.toString()).doesNotContain("s3cret").contains("password=***&ssl=true");
        assertThat(given.toString()).doesNotContain("s3cret").contains("user=muster");
        assertThatThrownBy(() -> StoreConfig.parse("jdbc:postgresql://db?password=s3cret"))
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "muster.db",
                "sqlite:",
                "sqlite::memory:",
                "sqlite:/var/lib/muster/",
                "postgresql://db/muster",
                "jdbc:postgresql://db",
                "jdbc:postgresql:///muster",
                "jdbc:mysql://db/muster",
                "jdbc:h2:/tmp/muster"
            })
    void refusesABadUrlNamingTheFieldTheValueAndWhatIsAllowed(String url) {
        assertThatThrownBy(() -> StoreConfig.parse(url)).isInstanceOfSatisfying(InvalidInputException.class, e -> {
            assertThat(e.violations()).hasSize(1);
            assertThat(e.violations().getFirst().field()).isEqualTo("store.url");
            assertThat(e.violations().getFirst().value()).isEqualTo(url.isEmpty() ? "" : url.strip());
            assertThat(e.violations().getFirst().rule())
                    .contains("sqlite:/path/to/file.db")
                    .contains("jdbc:postgresql://");
        });
    }

    @Test
    void refusesCredentialsForSqliteAndABadPoolSize() {
        assertThatThrownBy(() -> StoreConfig.parse("sqlite:/tmp/m.db").withCredentials("u", "p"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("store.user");
        assertThatThrownBy(() -> StoreConfig.parse("sqlite:/tmp/m.db").withMaxPoolSize(0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("store.maxPoolSize");
    }
}
