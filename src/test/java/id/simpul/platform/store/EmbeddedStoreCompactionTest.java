package id.simpul.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.TestStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoreCompactionTest {

    @TempDir
    Path dir;

    @Test
    void roundsCloseTheGapsThatCommitsWrittenAtOnceLeaveInTheStoreFile() throws SQLException {
        // The shipped store's writing (each commit at once), with freed space reusable at once so that a test
        // needs not wait out H2's 45 s retention of old chunks.
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("store") + ";MODE=PostgreSQL;WRITE_DELAY=0;RETENTION_TIME=0");
        try (Connection keepOpen = ds.getConnection()) {
            MVStore store = EmbeddedStore.engine(ds).orElseThrow();
            fragment(ds);
            RandomAccessStore file = (RandomAccessStore) store.getFileStore();
            int before = file.getFillRate();
            assertThat(before).as("nothing compacts a store that writes each commit at once").isLessThan(90);

            // Rounds called one by one (interval 0: no schedule), on the store the pool reaches.
            EmbeddedStoreCompaction compaction = new EmbeddedStoreCompaction(ds,
                    new StoreCompactionProperties(Duration.ZERO, 90, 50, 2 * 1024 * 1024), new SimpleMeterRegistry());
            compaction.start();
            for (int i = 0; i < 50 && file.getFillRate() < 90; i++) {
                compaction.round();
            }

            assertThat(file.getFillRate()).isGreaterThan(before).isGreaterThanOrEqualTo(90);
            assertThat(compaction.rounds()).isPositive();
            try (Statement s = keepOpen.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
                rs.next();
                assertThat(rs.getInt(1)).as("compaction moves data, it keeps it").isEqualTo(500);
            }
        }
    }

    @Test
    void aStoreInMemoryOrOnAnotherDatabaseIsLeftAlone() {
        assertThat(EmbeddedStore.engine(TestStores.migratedH2("compaction"))).isEmpty();
    }

    /** Many small commits, most of whose rows are deleted again: the file keeps chunks with gaps between them. */
    private static void fragment(JdbcDataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, body VARCHAR(4000))");
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                for (int i = 0; i < 5000; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, ("row " + i + " ").repeat(100));
                    insert.executeUpdate();
                }
            }
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM t WHERE id = ?")) {
                for (int i = 0; i < 5000; i++) {
                    if (i % 10 != 0) {
                        delete.setInt(1, i);
                        delete.executeUpdate();
                    }
                }
            }
        }
    }
}
