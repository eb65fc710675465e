package id.simpul.platform.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
        JdbcDataSource ds = store("store");
        try (Connection keepOpen = ds.getConnection()) {
            MVStore store = EmbeddedStore.engine(ds).orElseThrow();
            fragment(ds);
            RandomAccessStore file = (RandomAccessStore) store.getFileStore();
            int before = file.getFillRate();
            assertThat(before).as("nothing compacts a store that writes each commit at once").isLessThan(90);

            // Rounds called one by one (interval 0: no schedule), on the store the pool reaches.
            EmbeddedStoreCompaction compaction = new EmbeddedStoreCompaction(ds,
                    new StoreCompactionProperties(Duration.ZERO, 90, 50, 2 * 1024 * 1024, true, null), new SimpleMeterRegistry());
            compaction.start();
            for (int i = 0; i < 50 && file.getFillRate() < 90; i++) {
                compaction.round();
            }

            assertThat(file.getFillRate()).isGreaterThan(before).isGreaterThanOrEqualTo(90);
            assertThat(compaction.rounds()).isPositive();
            assertRowsKept(keepOpen);
        }
    }

    @Test
    void roundsRewriteSparseChunksEvenWhileTheFileCountsAsFragmented() throws SQLException {
        // Every chunk is a line in H2's layout map, and each commit rewrites the lines of the chunks whose pages it
        // freed: the more sparse chunks the store keeps, the more each commit writes. Moving chunks into gaps keeps
        // their number; only rewriting their live pages lets H2 drop them. Rounds of 64 KiB leave this file fragmented
        // for all ten rounds when they only move chunks (about 570 chunks after each), as a burst keeps a busy store.
        JdbcDataSource ds = store("sparse");
        try (Connection keepOpen = ds.getConnection()) {
            MVStore store = EmbeddedStore.engine(ds).orElseThrow();
            fragment(ds);
            RandomAccessStore file = (RandomAccessStore) store.getFileStore();
            int chunksBefore = chunkCount(keepOpen);
            int fillBefore = file.getChunksFillRate();

            EmbeddedStoreCompaction compaction = new EmbeddedStoreCompaction(ds,
                    new StoreCompactionProperties(Duration.ZERO, 90, 50, 64 * 1024, true, null), new SimpleMeterRegistry());
            compaction.start();
            for (int i = 0; i < 10; i++) {
                compaction.round();
                // The hub's next commit: chunks emptied by a round are freed when the next version is written.
                try (Statement s = keepOpen.createStatement()) {
                    s.execute("UPDATE t SET body = body WHERE id = 0");
                }
            }

            assertThat(chunkCount(keepOpen)).isLessThan(chunksBefore / 10);
            assertThat(file.getChunksFillRate()).isGreaterThan(fillBefore);
            assertRowsKept(keepOpen);
        }
    }

    @Test
    void eachRoundForcesTheStoreFileToTheDiskAndTimesItUnlessSyncIsOff() throws SQLException {
        // H2 writes each commit to the operating system's cache only; the round's sync is what puts it on the disk
        // a round later rather than whenever the kernel writes a busy file back (about 30 s of writes at once).
        for (boolean sync : new boolean[] {true, false}) {
            JdbcDataSource ds = store("sync-" + sync);
            try (Connection keepOpen = ds.getConnection(); Statement s = keepOpen.createStatement()) {
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, body VARCHAR(4000))");
                SimpleMeterRegistry meters = new SimpleMeterRegistry();
                EmbeddedStoreCompaction compaction = new EmbeddedStoreCompaction(ds,
                        new StoreCompactionProperties(Duration.ZERO, 90, 50, 64 * 1024, sync, null), meters);
                compaction.start();
                for (int i = 0; i < 3; i++) {
                    s.execute("INSERT INTO t VALUES (" + i + ", 'row')");
                    compaction.round();
                }

                assertThat(compaction.syncs()).as("syncs with sync=" + sync).isEqualTo(sync ? 3 : 0);
                assertThat(meters.get("simpul.store.sync").timer().count()).isEqualTo(sync ? 3 : 0);
            }
        }
    }

    @Test
    void whileRoundsSyncTheFileH2DropsOldChunksAfterTheShortRetentionNotItsOwnFortyFiveSeconds() throws Exception {
        // Each commit is a chunk; H2 keeps a chunk, dead or not, for its retention before the space may be reused,
        // and every kept chunk is a line in the layout map that commits rewrite. The hub syncs the file each round,
        // so it need not wait out the 45 s H2 allows the kernel's write-back.
        for (boolean sync : new boolean[] {true, false}) {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:file:" + dir.resolve("retention-" + sync) + ";MODE=PostgreSQL;WRITE_DELAY=0");
            try (Connection keepOpen = ds.getConnection(); Statement s = keepOpen.createStatement()) {
                MVStore store = EmbeddedStore.engine(ds).orElseThrow();
                assertThat(store.getRetentionTime()).as("H2's own").isEqualTo(45_000);
                s.execute("CREATE TABLE t (id INT PRIMARY KEY, body VARCHAR(4000))");
                s.execute("INSERT INTO t VALUES (0, 'row')");
                EmbeddedStoreCompaction compaction = new EmbeddedStoreCompaction(ds, new StoreCompactionProperties(
                        Duration.ofMillis(20), 90, 50, 2 * 1024 * 1024, sync, Duration.ofMillis(100)),
                        new SimpleMeterRegistry());
                compaction.start();
                try {
                    assertThat(store.getRetentionTime()).isEqualTo(sync ? 100 : 45_000);
                    // Each update replaces the one leaf and so empties the chunk before it.
                    for (int i = 0; i < 300; i++) {
                        s.execute("UPDATE t SET body = 'row " + i + "' WHERE id = 0");
                    }
                    if (sync) {
                        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                            s.execute("UPDATE t SET body = 'again' WHERE id = 0"); // H2 drops chunks on a commit
                            assertThat(chunkCount(keepOpen)).isLessThan(30);
                        });
                    } else {
                        s.execute("UPDATE t SET body = 'again' WHERE id = 0");
                        assertThat(chunkCount(keepOpen)).as("a store the hub does not sync keeps 45 s of chunks")
                                .isGreaterThan(300);
                    }
                } finally {
                    compaction.stop();
                }
                assertThat(store.getRetentionTime()).as("given back once the rounds stop").isEqualTo(45_000);
            }
        }
    }

    /** A file store written as the shipped one is (each commit at once), freed space reusable at once. */
    private JdbcDataSource store(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(name) + ";MODE=PostgreSQL;WRITE_DELAY=0;RETENTION_TIME=0");
        return ds;
    }

    private static void assertRowsKept(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            assertThat(rs.getInt(1)).as("compaction moves data, it keeps it").isEqualTo(500);
        }
    }

    private static int chunkCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CHUNK_COUNT'")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
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
