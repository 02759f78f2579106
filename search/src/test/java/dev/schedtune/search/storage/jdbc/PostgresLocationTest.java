package dev.schedtune.search.storage.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresLocationTest {
    @Test
    void optunasUrlFormBecomesAJdbcUrlWithTheCredentialsApart() {
        PostgresLocation l = PostgresLocation.parse("postgresql://tuner:p%40ss@db.example:6543/tuning?sslmode=require");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/tuning?sslmode=require");
        assertThat(l.user()).isEqualTo("tuner");
        assertThat(l.password()).isEqualTo("p@ss");
        assertThat(l.poolSize()).isEqualTo(PostgresLocation.DEFAULT_POOL_SIZE);
        assertThat(l.toString())
                .isEqualTo("postgresql://tuner@db.example:6543/tuning")
                .doesNotContain("p@ss");
    }

    @Test
    void defaultsAndDriverSuffixesAreAccepted() {
        PostgresLocation l = PostgresLocation.parse("postgresql+psycopg2://tuner@/?poolSize=9");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/tuner");
        assertThat(l.password()).isNull();
        assertThat(l.poolSize()).isEqualTo(9);
        assertThat(PostgresLocation.parse("postgres://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
        assertThat(PostgresLocation.isPostgresUrl("jdbc:postgresql://h/db")).isTrue();
        assertThat(PostgresLocation.isPostgresUrl("study.db")).isFalse();
    }

    @Test
    void jdbcUrlsGoToTheDriverAsTheyAreButArePrintedWithoutPassword() {
        PostgresLocation l = PostgresLocation.parse("jdbc:postgresql://h:5432/db?user=u&password=secret&poolSize=2");
        assertThat(l.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db?user=u&password=secret");
        assertThat(l.poolSize()).isEqualTo(2);
        assertThat(l.toString()).isEqualTo("jdbc:postgresql://h:5432/db?user=u");
    }

    @Test
    void malformedUrlsNameTheBadPartAndTheFormsAcceptedWithoutThePassword() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://u:secret@h:99999/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("storage URL 'postgresql://u:***@h:99999/db' is malformed")
                .hasMessageContaining("port '99999' must be a number in [1, 65535]")
                .hasMessageContaining("use postgresql://user:password@host:port/database")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://h/db?poolSize=many"))
                .hasMessageContaining("poolSize (many) must be an integer in [1, 1000]");
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://h/db?sslmode"))
                .hasMessageContaining("query parameter 'sslmode' is not name=value");
        assertThat(PostgresLocation.redact("jdbc:postgresql://h/db?user=u&password=s&x=1"))
                .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&x=1");
    }

    @Test
    void everyPasswordIsHiddenWhereverItIsInTheUrl() {
        String[] urls = {
            "jdbc:postgresql://h/db?user=u&password=p1&sslpassword=p2&sslmode=require",
            "jdbc:postgresql://h/db?SSLPASSWORD=p2&PassWord=p1",
            "jdbc:postgresql://u:p1@h/db?sslpassword=p2",
            "postgresql://u:p1@h/db?sslpassword=p2&sslmode=require",
        };
        for (String url : urls) {
            assertThat(PostgresLocation.redact(url))
                    .as(url)
                    .doesNotContain("p1", "p2")
                    .contains("***");
            assertThat(PostgresLocation.parse(url).toString()).as(url).doesNotContain("p1", "p2");
        }
        assertThat(PostgresLocation.redact("jdbc:postgresql://h/db?sslpassword=p2&sslmode=require"))
                .isEqualTo("jdbc:postgresql://h/db?sslpassword=***&sslmode=require");
        assertThatThrownBy(() -> PostgresLocation.parse("postgresql://h/db?sslpassword=p2&x"))
                .hasMessageNotContaining("p2");
    }

    @Test
    void pgpasswordIsUsedOnlyWhenTheUrlHasNoPassword() {
        java.util.Map<String, String> env = java.util.Map.of("PGPASSWORD", "from-env");
        assertThat(PostgresLocation.parse("postgresql://u@h/db").password(env)).isEqualTo("from-env");
        assertThat(PostgresLocation.parse("postgresql://u:mine@h/db").password(env))
                .isEqualTo("mine");
        assertThat(PostgresLocation.parse("jdbc:postgresql://h/db?user=u&password=mine")
                        .password(env))
                .isNull(); // the driver takes it from the URL
        assertThat(PostgresLocation.parse("postgresql://u@h/db").password(java.util.Map.of()))
                .isNull(); // the driver reads ~/.pgpass
    }
}
