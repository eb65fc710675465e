package id.simpul.intake.poll;

import id.simpul.platform.audit.AuditLog;
import id.simpul.platform.connector.RateLimiters;
import id.simpul.platform.connector.oss.OssRefusedException;
import id.simpul.platform.failure.TransientFailureException;
import id.simpul.platform.security.PersonalText;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Backfills: a list of NIBs fetched from OSS ({@code inqueryNIB}) and ingested like pushes, at a rate.
 * The list is stored with the job; the cursor ({@code next_seq}) moves in the same transaction that
 * records each NIB's outcome, so after a crash the work goes on at the NIB it stopped at. A NIB whose
 * content reached the ledger before the crash is found unchanged on the second try: no duplicate.
 * A transient OSS failure pauses the backfill until the next poll; a refusal is recorded and skipped.
 */
@Component
public class Backfills {

    /** A backfill and its progress. */
    public record Job(long id, String state, double rate, int total, int done, int ingested, int unchanged,
                      int notRouted, int refused, String lastError, Instant createdAt, Instant updatedAt,
                      Instant finishedAt) {
        public int remaining() {
            return total - done;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Backfills.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate tx;
    private final NibRefresh refresh;
    private final BackfillProperties properties;
    private final Clock clock;
    private final MeterRegistry registry;
    private final AuditLog audit;
    // One limiter per job for the life of this instance: a limiter made per slice would grant each
    // slice an immediate call and forget rates slower than its one-minute wait.
    private final Map<Long, RateLimiter> limiters = new ConcurrentHashMap<>();

    public Backfills(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate tx, NibRefresh refresh,
                     BackfillProperties properties, Clock clock, MeterRegistry registry, AuditLog audit) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.tx = tx;
        this.refresh = refresh;
        this.properties = properties;
        this.clock = clock;
        this.registry = registry;
        Gauge.builder("simpul.backfill.remaining", this::remainingNibs)
                .description("NIBs waiting in unfinished backfills")
                .register(registry);
    }

    /**
     * Stores a backfill of these NIBs (already checked and without duplicates) at {@code rate} per second,
     * requested by {@code actor}. It makes the hub fetch what OSS holds about each NIB, personal data of
     * responsible persons included, so the request is audited in the same transaction: no backfill that
     * the audit log does not show.
     */
    public Job create(List<String> nibs, Double rate, String actor) {
        if (nibs.isEmpty()) {
            throw new IllegalArgumentException("a backfill needs at least one NIB");
        }
        if (nibs.size() > properties.maxNibs()) {
            throw new IllegalArgumentException("a backfill takes at most " + properties.maxNibs() + " NIBs, got "
                    + nibs.size());
        }
        double perSecond = rate == null ? properties.rate() : rate;
        if (perSecond <= 0 || perSecond > properties.maxRate()) {
            throw new IllegalArgumentException("rate must be above 0 and at most " + properties.maxRate()
                    + " per second, got " + perSecond);
        }
        Timestamp now = Timestamp.from(clock.instant());
        long id = tx.execute(status -> {
            KeyHolder key = new GeneratedKeyHolder();
            jdbc.sql("""
                    INSERT INTO oss_backfill_job (state, per_second, total, next_seq, created_at, updated_at)
                    VALUES ('PENDING', :rate, :total, 0, :now, :now)""")
                    .param("rate", perSecond).param("total", nibs.size()).param("now", now).update(key, "id");
            long jobId = key.getKey().longValue();
            List<Object[]> items = new ArrayList<>(nibs.size());
            for (int seq = 0; seq < nibs.size(); seq++) {
                items.add(new Object[] {jobId, seq, nibs.get(seq)});
            }
            jdbcTemplate.batchUpdate("INSERT INTO oss_backfill_item (job_id, seq, nib) VALUES (?, ?, ?)", items);
            audit.appendInTransaction(new AuditLog.Event(actor, "BACKFILL_CREATED", "backfill", String.valueOf(jobId),
                    null, nibs.size() + " NIB(s) to fetch from OSS at " + perSecond + " per second", null, null));
            return jobId;
        });
        log.info("backfill {} created: {} NIB(s) at {} per second", id, nibs.size(), perSecond);
        return get(id).orElseThrow();
    }

    public Optional<Job> get(long id) {
        return jdbc.sql("SELECT * FROM oss_backfill_job WHERE id = :id").param("id", id).query(Backfills::job).optional();
    }

    public List<Job> recent(int limit) {
        return jdbc.sql("SELECT * FROM oss_backfill_job ORDER BY id DESC LIMIT :n").param("n", limit)
                .query(Backfills::job).list();
    }

    /** Stops a backfill that has not finished, audited under {@code actor}; false when there is none such. */
    public boolean cancel(long id, String actor) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            boolean cancelled = jdbc.sql("""
                    UPDATE oss_backfill_job SET state = 'CANCELLED', updated_at = :now, finished_at = :now
                    WHERE id = :id AND state IN ('PENDING', 'RUNNING')""")
                    .param("now", Timestamp.from(clock.instant())).param("id", id).update() == 1;
            if (cancelled) {
                audit.appendInTransaction(new AuditLog.Event(actor, "BACKFILL_CANCELLED", "backfill", String.valueOf(id),
                        null, null, null, null));
            }
            return cancelled;
        }));
    }

    /**
     * Works the oldest unfinished backfill for at most one slice. Asks {@code stopping} before each NIB.
     *
     * @return true when a backfill was worked on and still has NIBs to go; false when there is none,
     *         it finished, was cancelled, or was paused by a transient OSS failure until the next poll
     */
    public boolean work(BooleanSupplier stopping) {
        Optional<Job> next = jdbc.sql("""
                SELECT * FROM oss_backfill_job WHERE state IN ('PENDING', 'RUNNING') ORDER BY id LIMIT 1""")
                .query(Backfills::job).optional();
        if (next.isEmpty()) {
            return false;
        }
        Job job = next.get();
        if (job.state().equals("PENDING")) {
            if (!markRunning(job.id())) {
                // Cancelled between the SELECT and here.
                return false;
            }
            log.info("backfill {} started: {} NIB(s) at {} per second", job.id(), job.total(), job.rate());
        } else {
            log.info("backfill {} resumes at NIB {} of {}", job.id(), job.done() + 1, job.total());
        }
        RateLimiter limiter = limiter(job.id(), job.rate());
        Instant sliceEnd = clock.instant().plus(properties.slice());
        Instant started = clock.instant();
        int doneAtStart = job.done();
        int seq = job.done();
        while (!stopping.getAsBoolean() && clock.instant().isBefore(sliceEnd)) {
            if (!stillRunning(job.id())) {
                limiters.remove(job.id());
                return false;
            }
            Optional<String> nib = jdbc.sql("SELECT nib FROM oss_backfill_item WHERE job_id = :job AND seq = :seq")
                    .param("job", job.id()).param("seq", seq).query(String.class).optional();
            if (nib.isEmpty()) {
                finish(job.id());
                limiters.remove(job.id());
                return false;
            }
            if (!RateLimiters.acquire(limiter)) {
                return true;
            }
            String outcome;
            String detail = null;
            try {
                outcome = refresh.refresh(nib.get(), "backfill").name();
            } catch (OssRefusedException e) {
                outcome = "REFUSED";
                detail = e.getMessage();
                log.warn("backfill {}: nib={} refused by OSS: {}", job.id(), nib.get(), e.getMessage());
            } catch (TransientFailureException e) {
                pause(job.id(), e.getMessage());
                log.warn("backfill {} paused at NIB {} of {}: {}; retried at the next poll", job.id(), seq + 1,
                        job.total(), e.getMessage());
                // Ends the poll: going on at once would call an OSS that is down again and again.
                return false;
            }
            advance(job.id(), seq, outcome, detail);
            seq++;
            Counter.builder("simpul.backfill.processed")
                    .description("NIBs processed by backfills, by outcome")
                    .tag("outcome", outcome.toLowerCase())
                    .register(registry)
                    .increment();
            if (seq % properties.logEvery() == 0) {
                progress(job.id(), seq - doneAtStart, Duration.between(started, clock.instant()));
            }
        }
        return true;
    }

    private void advance(long jobId, int seq, String outcome, String detail) {
        String column = switch (outcome) {
            case "INGESTED" -> "ingested";
            case "UNCHANGED" -> "unchanged";
            case "NOT_ROUTED" -> "not_routed";
            default -> "refused";
        };
        Timestamp now = Timestamp.from(clock.instant());
        String d = failure(detail);
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                    UPDATE oss_backfill_item SET outcome = :outcome, detail = :detail, processed_at = :now
                    WHERE job_id = :job AND seq = :seq""")
                    .param("outcome", outcome).param("detail", d).param("now", now).param("job", jobId)
                    .param("seq", seq).update();
            jdbc.sql("UPDATE oss_backfill_job SET next_seq = :next, " + column + " = " + column
                            + " + 1, last_error = NULL, updated_at = :now WHERE id = :job")
                    .param("next", seq + 1).param("now", now).param("job", jobId).update();
        });
    }

    private void progress(long jobId, int processedNow, Duration elapsed) {
        Job job = get(jobId).orElseThrow();
        double perSecond = elapsed.isZero() ? job.rate() : processedNow * 1000.0 / Math.max(1, elapsed.toMillis());
        long etaSeconds = perSecond <= 0 ? -1 : Math.round(job.remaining() / perSecond);
        log.info("backfill {}: {}/{} NIB(s) ({}%): {} ingested, {} unchanged, {} not for this region, {} refused; "
                        + "about {} left", jobId, job.done(), job.total(), job.done() * 100 / Math.max(1, job.total()),
                job.ingested(), job.unchanged(), job.notRouted(), job.refused(), Duration.ofSeconds(etaSeconds));
    }

    private void finish(long jobId) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("UPDATE oss_backfill_job SET state = 'DONE', updated_at = :now, finished_at = :now WHERE id = :id")
                .param("now", now).param("id", jobId).update();
        Job job = get(jobId).orElseThrow();
        log.info("backfill {} done: {} NIB(s): {} ingested, {} unchanged, {} not for this region, {} refused",
                jobId, job.total(), job.ingested(), job.unchanged(), job.notRouted(), job.refused());
    }

    private void pause(long jobId, String error) {
        jdbc.sql("UPDATE oss_backfill_job SET last_error = :e, updated_at = :now WHERE id = :id")
                .param("e", failure(error))
                .param("now", Timestamp.from(clock.instant())).param("id", jobId).update();
    }

    /** PENDING → RUNNING; false when the job is no longer pending (a cancel got there first). */
    boolean markRunning(long jobId) {
        return jdbc.sql("""
                UPDATE oss_backfill_job SET state = 'RUNNING', updated_at = :now
                WHERE id = :id AND state = 'PENDING'""")
                .param("now", Timestamp.from(clock.instant())).param("id", jobId).update() == 1;
    }

    /** The job's one limiter in this instance. */
    RateLimiter limiter(long jobId, double rate) {
        return limiters.computeIfAbsent(jobId, id -> RateLimiters.perSecond("backfill-" + id, rate));
    }

    private boolean stillRunning(long jobId) {
        return jdbc.sql("SELECT state FROM oss_backfill_job WHERE id = :id").param("id", jobId)
                .query(String.class).optional().filter("RUNNING"::equals).isPresent();
    }

    private double remainingNibs() {
        return jdbc.sql("""
                SELECT COALESCE(SUM(total - next_seq), 0) FROM oss_backfill_job WHERE state IN ('PENDING', 'RUNNING')""")
                .query(Long.class).single();
    }

    /**
     * A failure's text as the sweep and backfills store it (VARCHAR(500)): with the NIKs, phone numbers and
     * e-mail addresses it quotes masked, as every role reads it in the console and the API; masked before it is
     * cut, so a number cut in two is not left half shown.
     */
    static String failure(String s) {
        return PersonalText.maskedToFit(s, 500);
    }

    private static Job job(ResultSet rs, int row) throws SQLException {
        return new Job(rs.getLong("id"), rs.getString("state"), rs.getDouble("per_second"), rs.getInt("total"),
                rs.getInt("next_seq"), rs.getInt("ingested"), rs.getInt("unchanged"), rs.getInt("not_routed"),
                rs.getInt("refused"), rs.getString("last_error"), instant(rs, "created_at"), instant(rs, "updated_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
