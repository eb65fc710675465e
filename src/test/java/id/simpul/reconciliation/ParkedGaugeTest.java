package id.simpul.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.support.TestPayloads;
import id.simpul.support.TestStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gauge {@code simpul_dead_letters_parked} is read at every scrape, however many dead letters wait: it counts the
 * waiting ones the broker parked by reading those rows only, not every waiting dead letter (V77).
 */
class ParkedGaugeTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);

    private final JdbcClient jdbc = JdbcClient.create(TestStores.migratedH2("parked-gauge"));
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final DeadLetters deadLetters = new DeadLetters(jdbc, null, CLOCK, meters, TestPayloads.sealed());

    @Test
    void theGaugeCountsWaitingParkedDeadLettersOnly() {
        insert(DeadLetters.PARKED, "WAITING", 2);
        insert(DeadLetters.PARKED, "REPLAYED", 1);
        insert("PERMANENT", "WAITING", 3);
        insert("TRANSIENT", "WAITING", 1);

        assertThat(meters.get("simpul.dead_letters.parked").gauge().value()).isEqualTo(2.0);
    }

    @Test
    void countingTheParkedReadsTheParkedRowsNotEveryWaitingDeadLetter() {
        // A regency's system was down: hundreds wait as PERMANENT, two were parked by the broker.
        insert("PERMANENT", "WAITING", 300);
        insert(DeadLetters.PARKED, "WAITING", 2);

        String plan = jdbc.sql("EXPLAIN ANALYZE " + DeadLetters.PARKED_WAITING).param("c", DeadLetters.PARKED)
                .query(String.class).single();

        assertThat(plan).containsIgnoringCase("ix_dead_letter_parked");
        Matcher scanned = Pattern.compile("scanCount: (\\d+)").matcher(plan);
        assertThat(scanned.find()).as(plan).isTrue();
        assertThat(Long.parseLong(scanned.group(1))).as(plan).isLessThanOrEqualTo(3);
        assertThat(deadLetters.parkedWaiting()).isEqualTo(2);
    }

    private void insert(String errorClass, String state, int n) {
        Timestamp now = Timestamp.from(CLOCK.instant());
        for (int i = 0; i < n; i++) {
            jdbc.sql("""
                    INSERT INTO dead_letter (flow, step, target_id, error_class, error_message, attempts, payload, state,
                                             created_at, updated_at)
                    VALUES ('oss-nib', 'delivery-push-permit', 'banyuasin', :c, 'SiCantik answered 422', 1, '{}', :s,
                            :now, :now)""")
                    .param("c", errorClass).param("s", state).param("now", now).update();
        }
    }
}
