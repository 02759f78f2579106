package dev.schedtune.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schedtune.search.distribution.CategoricalDistribution;
import dev.schedtune.search.distribution.FloatDistribution;
import dev.schedtune.search.storage.InMemoryStorage;
import dev.schedtune.search.storage.Storage;
import dev.schedtune.search.storage.StorageException;
import dev.schedtune.search.storage.jdbc.JdbcStorage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoragesTest {
    @TempDir
    Path dir;

    @Test
    void opensStoragesByOptunaStyleUrls() {
        assertThat(Storages.open("memory")).isInstanceOf(InMemoryStorage.class);
        try (Storage s = Storages.open("sqlite:///" + dir.resolve("a.db"))) {
            assertThat(((JdbcStorage) s).location())
                    .isEqualTo(dir.resolve("a.db").toString());
        }
        try (Storage s = Storages.open("jdbc:sqlite:" + dir.resolve("b.db"))) {
            assertThat(s).isInstanceOf(JdbcStorage.class);
        }
        assertThatThrownBy(() -> Storages.open("mysql://host/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("storage URL 'mysql://host/db' is not supported; use memory,");
        assertThatThrownBy(() -> Storages.sqlite(dir.resolve("missing/dir/c.db")))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("does not exist");
    }

    @Test
    void askWithFixedDistributionsSuggestsThemAtOnce() {
        Study s = Study.builder("ask").seed(2).create();
        Trial t = s.ask(Map.of(
                "lr", FloatDistribution.log(1e-4, 1), "opt", CategoricalDistribution.of(List.of("sgd", "adam"))));
        assertThat(t.params()).containsKeys("lr", "opt");
        s.tell(t, 1.0);
        assertThat(s.trials().get(0).distributions().get("lr")).isEqualTo(FloatDistribution.log(1e-4, 1));
    }
}
