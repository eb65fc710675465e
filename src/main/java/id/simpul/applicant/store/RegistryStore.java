package id.simpul.applicant.store;

import id.simpul.applicant.LinkKind;
import id.simpul.applicant.LinkStatus;
import id.simpul.applicant.SourceRecord;
import id.simpul.applicant.pii.PayloadSeal;
import id.simpul.applicant.pii.PiiProtector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The registry's tables (V20) over plain JDBC. Writes are buffered and sent in JDBC batches by
 * {@link #flush()}: the hub flushes after each record, a backfill every few thousand. Statements run
 * in a fixed order per flush (inserts, then updates, then merges) so a merge also moves links that
 * were inserted in the same flush. A record's name, street address, phone and e-mail, and a master's display name,
 * are sealed at rest ({@link PayloadSeal}): sealed here when written, opened here when read, so the matcher, the
 * views and the exports see them in clear and no SQL compares them (docs/operations.md).
 */
public final class RegistryStore {

    /**
     * A source row as stored, with what the registry needs to rebuild its in-memory index. The record's NIK is
     * null and its NPWP a 15-digit one or null: a 16-digit NPWP (a NIK) is known by {@code npwpHmac} only.
     */
    public record StoredSource(int ordinal, SourceRecord record, String nikHmac, String nikParts, String nikQuality,
                               String npwpHmac) {
    }

    public record StoredLink(long id, int ordinal, String sourceRef, long applicant, LinkKind kind, LinkStatus status,
                             double score, String evidence, String decidedBy, Instant createdAt, Instant updatedAt) {
    }

    public record StoredMaster(long id, String applicantId, String type, String state, Long survivorId,
                               String displayName, Instant createdAt, Instant updatedAt) {
    }

    /** One step of a master's history; {@code cause} is a merge's coded cause (MergeEvent.Cause), else null. */
    public record StoredEvent(long applicant, String kind, Long other, String detail, Instant at, String cause) {
    }

    public record Assertion(int ordinal, long applicant, LinkKind kind) {
    }

    public record Maxima(long master, long link, int ordinal) {
    }

    private record SourceWrite(int ordinal, boolean insert, SourceRecord r, String nikHmac, String nikParts,
                               String nikCipher, String nikQuality, String npwpHmac, String npwpCipher, Instant at) {
    }

    private record MasterWrite(long id, String applicantId, String type, String name, Instant at) {
    }

    private record LinkWrite(long id, int ordinal, long applicant, LinkKind kind, LinkStatus status, double score,
                             String evidence, String decidedBy, Instant at) {
    }

    private record LinkUpdate(long id, LinkKind kind, LinkStatus status, Long applicant, String decidedBy, Instant at) {
    }

    private record Retire(long retired, long survivor, Instant at) {
    }

    /** Writes buffered since the last flush, in the order they must reach the store. */
    private static final class Batch {
        final List<SourceWrite> sources = new ArrayList<>();
        final List<MasterWrite> masters = new ArrayList<>();
        final List<LinkWrite> links = new ArrayList<>();
        final List<LinkUpdate> linkUpdates = new ArrayList<>();
        final List<Retire> retires = new ArrayList<>();
        final List<StoredEvent> events = new ArrayList<>();

        int size() {
            return sources.size() + masters.size() + links.size() + linkUpdates.size() + retires.size() + events.size();
        }

        /** Appends {@code later}'s writes after this batch's own, keeping their order. */
        void append(Batch later) {
            sources.addAll(later.sources);
            masters.addAll(later.masters);
            links.addAll(later.links);
            linkUpdates.addAll(later.linkUpdates);
            retires.addAll(later.retires);
            events.addAll(later.events);
        }
    }

    /** A batch the store refused (rolled back as a whole), carried back to the caller to be written again. */
    private static final class BatchFailed extends RuntimeException {
        final transient Batch batch;

        BatchFailed(Batch batch, RuntimeException cause) {
            super(cause);
            this.batch = batch;
        }
    }

    private final DataSource dataSource;
    private final PayloadSeal seal;
    private Batch batch = new Batch();
    private ExecutorService writer;
    private final List<Future<?>> inFlight = new ArrayList<>();

    public RegistryStore(DataSource dataSource, PayloadSeal seal) {
        this.dataSource = dataSource;
        this.seal = seal;
    }

    /**
     * Buffers a source row. {@code r.npwp()} must be a 15-digit NPWP or null: a 16-digit one (a NIK) comes only as
     * {@code npwpHmac} and {@code npwpCipher}, like the NIK.
     *
     * @throws IllegalArgumentException when {@code r.npwp()} has more than 15 characters
     */
    public void source(int ordinal, boolean insert, SourceRecord r, String nikHmac, String nikParts, String nikCipher,
                       String nikQuality, String npwpHmac, String npwpCipher, Instant at) {
        if (r.npwp() != null && r.npwp().length() > 15) {
            throw new IllegalArgumentException("a 16-digit NPWP is stored as npwpHmac and npwpCipher, not in clear");
        }
        batch.sources.add(new SourceWrite(ordinal, insert, r, nikHmac, nikParts, nikCipher, nikQuality, npwpHmac,
                npwpCipher, at));
    }

    public void master(long id, String applicantId, String type, String displayName, Instant at) {
        batch.masters.add(new MasterWrite(id, applicantId, type, displayName, at));
    }

    public void link(long id, int ordinal, long applicant, LinkKind kind, LinkStatus status, double score,
                     String evidence, String decidedBy, Instant at) {
        batch.links.add(new LinkWrite(id, ordinal, applicant, kind, status, score, truncate(evidence, 1000), decidedBy, at));
    }

    /** Changes a link's kind and status (and, when not null, its master). */
    public void updateLink(long id, LinkKind kind, LinkStatus status, Long applicant, String decidedBy, Instant at) {
        batch.linkUpdates.add(new LinkUpdate(id, kind, status, applicant, decidedBy, at));
    }

    /** Retires a master into its survivor and moves its current links there. */
    public void retire(long retired, long survivor, Instant at) {
        batch.retires.add(new Retire(retired, survivor, at));
    }

    public void event(long applicant, String kind, Long other, String detail, Instant at) {
        event(applicant, kind, other, detail, at, null);
    }

    public void event(long applicant, String kind, Long other, String detail, Instant at, String cause) {
        batch.events.add(new StoredEvent(applicant, kind, other, truncate(detail, 2000), at, cause));
    }

    public int pending() {
        return batch.size();
    }

    /**
     * Writes everything buffered, and waits for earlier background writes; throws if any failed. A
     * failed batch is kept, ahead of what is buffered since, and written by the next flush: the
     * in-memory registry already holds those records, ids and merges, so dropping their writes would
     * leave it ahead of the store for good.
     */
    public void flush() {
        awaitBackground();
        Batch b = take();
        if (b != null) {
            try {
                write(b);
            } catch (RuntimeException e) {
                restore(List.of(b));
                throw e;
            }
        }
    }

    /**
     * Hands the buffered writes to a background writer and returns at once, so a backfill matches the next
     * records while the store writes these. At most two batches wait; then the caller waits (back-pressure).
     */
    public void flushAsync() {
        Batch b = take();
        if (b == null) {
            return;
        }
        if (writer == null) {
            writer = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "applicant-store-writer");
                t.setDaemon(true);
                return t;
            });
        }
        if (inFlight.size() >= 2) {
            try {
                awaitBackground();
            } catch (RuntimeException e) {
                restore(List.of(b));
                throw e;
            }
        }
        inFlight.add(writer.submit(() -> {
            try {
                write(b);
            } catch (RuntimeException e) {
                throw new BatchFailed(b, e);
            }
        }));
    }

    /** Drops buffered writes, failed ones included (only when the in-memory registry is reloaded from the store). */
    public void clear() {
        batch = new Batch();
    }

    private Batch take() {
        if (batch.size() == 0) {
            return null;
        }
        Batch b = batch;
        batch = new Batch();
        return b;
    }

    private void awaitBackground() {
        List<Batch> failed = new ArrayList<>();
        RuntimeException first = null;
        while (!inFlight.isEmpty()) {
            try {
                join(inFlight.remove(0));
            } catch (BatchFailed e) {
                failed.add(e.batch);
                first = first != null ? first : (RuntimeException) e.getCause();
            }
        }
        if (first != null) {
            restore(failed);
            throw first;
        }
    }

    /** Puts failed batches back, oldest first, ahead of the writes buffered since. */
    private void restore(List<Batch> failed) {
        Batch merged = new Batch();
        failed.forEach(merged::append);
        merged.append(batch);
        batch = merged;
    }

    private static void join(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing the applicant registry", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private void write(Batch b) {
        try {
            inTransaction(c -> {
                writeMasters(c, b.masters);
                writeSources(c, b.sources);
                writeLinks(c, b.links);
                writeLinkUpdates(c, b.linkUpdates);
                writeRetires(c, b.retires);
                writeEvents(c, b.events);
                return null;
            });
        } catch (SQLException e) {
            throw new IllegalStateException("applicant registry write failed: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs the work on a connection of its own in one transaction: committed when it returns, rolled back when it throws. */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    private void writeMasters(Connection c, List<MasterWrite> masters) throws SQLException {
        if (masters.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO applicant_master (id, applicant_id, type, state, "
                + "display_name, created_at, updated_at) VALUES (?, ?, ?, 'ACTIVE', ?, ?, ?)")) {
            for (MasterWrite m : masters) {
                Timestamp at = Timestamp.from(m.at());
                ps.setLong(1, m.id());
                ps.setString(2, m.applicantId());
                ps.setString(3, m.type());
                ps.setString(4, seal.seal(truncate(m.name(), 300)));
                ps.setTimestamp(5, at);
                ps.setTimestamp(6, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static final String SOURCE_INSERT = "INSERT INTO applicant_source (type, name, nik_hmac, "
            + "nik_parts, nik_cipher, nik_quality, npwp, npwp_hmac, npwp_cipher, nib, birth_date, birth_place, gender, "
            + "address_line, village, district, regency, province, region_code, postal_code, phone, email, updated_at, "
            + "source_ref, received_at, ordinal) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SOURCE_UPDATE = "UPDATE applicant_source SET type = ?, name = ?, nik_hmac = ?, "
            + "nik_parts = ?, nik_cipher = ?, nik_quality = ?, npwp = ?, npwp_hmac = ?, npwp_cipher = ?, nib = ?, "
            + "birth_date = ?, birth_place = ?, gender = ?, address_line = ?, village = ?, district = ?, regency = ?, "
            + "province = ?, region_code = ?, postal_code = ?, phone = ?, email = ?, updated_at = ? WHERE ordinal = ?";

    private void writeSources(Connection c, List<SourceWrite> sources) throws SQLException {
        // Two passes, each statement prepared only when needed: the hub flushes one record at a time, which is
        // almost always an insert, and preparing the 24-column UPDATE as well cost as much as executing the insert.
        boolean updates = false;
        for (SourceWrite s : sources) {
            updates |= !s.insert();
        }
        writeSources(c, sources, true, SOURCE_INSERT);
        if (updates) {
            writeSources(c, sources, false, SOURCE_UPDATE);
        }
    }

    private void writeSources(Connection c, List<SourceWrite> sources, boolean inserts, String sql)
            throws SQLException {
        int rows = 0;
        for (SourceWrite s : sources) {
            rows += s.insert() == inserts ? 1 : 0;
        }
        if (rows == 0) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (SourceWrite s : sources) {
                if (s.insert() != inserts) {
                    continue;
                }
                SourceRecord r = s.r();
                SourceRecord.Address a = r.address() == null
                        ? new SourceRecord.Address(null, null, null, null, null, null, null) : r.address();
                int i = 1;
                ps.setString(i++, r.type());
                ps.setString(i++, seal.seal(truncate(r.name(), 300)));
                ps.setString(i++, s.nikHmac());
                ps.setString(i++, s.nikParts());
                ps.setString(i++, s.nikCipher());
                ps.setString(i++, s.nikQuality());
                ps.setString(i++, r.npwp());
                ps.setString(i++, s.npwpHmac());
                ps.setString(i++, s.npwpCipher());
                ps.setString(i++, r.nib());
                ps.setString(i++, r.birthDate());
                ps.setString(i++, truncate(r.birthPlace(), 100));
                ps.setString(i++, r.gender());
                ps.setString(i++, seal.seal(truncate(a.line(), 300)));
                ps.setString(i++, truncate(a.village(), 100));
                ps.setString(i++, truncate(a.district(), 100));
                ps.setString(i++, truncate(a.regency(), 100));
                ps.setString(i++, truncate(a.province(), 100));
                ps.setString(i++, truncate(a.regionCode(), 13));
                ps.setString(i++, truncate(a.postalCode(), 8));
                ps.setString(i++, seal.seal(truncate(r.phone(), 20)));
                ps.setString(i++, seal.seal(truncate(r.email(), 200)));
                ps.setTimestamp(i++, Timestamp.from(s.at()));
                if (s.insert()) {
                    ps.setString(i++, r.sourceRef());
                    ps.setTimestamp(i++, Timestamp.from(s.at()));
                }
                ps.setInt(i, s.ordinal());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void writeLinks(Connection c, List<LinkWrite> links) throws SQLException {
        if (links.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO applicant_link (id, source_ordinal, applicant, kind, "
                + "status, score, evidence, decided_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (LinkWrite l : links) {
                Timestamp at = Timestamp.from(l.at());
                ps.setLong(1, l.id());
                ps.setInt(2, l.ordinal());
                ps.setLong(3, l.applicant());
                ps.setString(4, l.kind().name());
                ps.setString(5, l.status().name());
                ps.setDouble(6, l.score());
                ps.setString(7, l.evidence());
                ps.setString(8, l.decidedBy());
                ps.setTimestamp(9, at);
                ps.setTimestamp(10, at);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void writeLinkUpdates(Connection c, List<LinkUpdate> linkUpdates) throws SQLException {
        if (linkUpdates.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE applicant_link SET kind = ?, status = ?, "
                + "applicant = COALESCE(?, applicant), decided_by = COALESCE(?, decided_by), updated_at = ? WHERE id = ?")) {
            for (LinkUpdate u : linkUpdates) {
                ps.setString(1, u.kind().name());
                ps.setString(2, u.status().name());
                if (u.applicant() == null) {
                    ps.setNull(3, Types.BIGINT);
                } else {
                    ps.setLong(3, u.applicant());
                }
                ps.setString(4, u.decidedBy());
                ps.setTimestamp(5, Timestamp.from(u.at()));
                ps.setLong(6, u.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void writeRetires(Connection c, List<Retire> retires) throws SQLException {
        if (retires.isEmpty()) {
            return;
        }
        // One at a time and in order: a chain A→B then B→C must move A's links on to C. survivor_id keeps the
        // survivor at the time of the merge; readers follow the chain (see survivorOf).
        try (PreparedStatement master = c.prepareStatement("UPDATE applicant_master SET state = 'RETIRED', survivor_id = ?, "
                + "updated_at = ? WHERE id = ?");
             PreparedStatement move = c.prepareStatement("UPDATE applicant_link SET applicant = ?, updated_at = ? "
                     + "WHERE applicant = ? AND status <> 'RETRACTED' AND kind <> 'DIFFERENT'")) {
            for (Retire r : retires) {
                Timestamp at = Timestamp.from(r.at());
                master.setLong(1, r.survivor());
                master.setTimestamp(2, at);
                master.setLong(3, r.retired());
                master.executeUpdate();
                move.setLong(1, r.survivor());
                move.setTimestamp(2, at);
                move.setLong(3, r.retired());
                move.executeUpdate();
            }
        }
    }

    private static void writeEvents(Connection c, List<StoredEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO applicant_event (applicant, kind, other_applicant, "
                + "detail, at, cause) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (StoredEvent e : events) {
                ps.setLong(1, e.applicant());
                ps.setString(2, e.kind());
                if (e.other() == null) {
                    ps.setNull(3, Types.BIGINT);
                } else {
                    ps.setLong(3, e.other());
                }
                ps.setString(4, e.detail());
                ps.setTimestamp(5, Timestamp.from(e.at()));
                ps.setString(6, e.cause());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    // ---- rows stored before V53 ----------------------------------------------------------------------------

    private record ClearNpwp(int ordinal, String npwp) {
    }

    /**
     * Seals the 16-digit NPWPs (residents' NIKs) that registries before V53 stored in clear in
     * {@code applicant_source.npwp}: writes their HMAC and ciphertext and removes the digits. Works through the rows
     * in ordinal order, {@code batchSize} at a time, each batch one transaction, so no more than one batch of clear
     * values is in memory at once and an interrupted run resumes where it stopped. Idempotent: a sealed row has no
     * clear NPWP left to find. Buffered writes are flushed first.
     *
     * @param seal the NPWP's canonical digits to what the store keeps of them
     * @return how many rows were sealed
     */
    public int sealClearNpwps(Function<String, PiiProtector.Sealed> seal, int batchSize) {
        flush();
        int sealed = 0;
        int after = -1;
        while (true) {
            List<ClearNpwp> rows = query("SELECT ordinal, npwp FROM applicant_source WHERE ordinal > ? AND LENGTH(npwp) = 16 "
                    + "ORDER BY ordinal FETCH FIRST " + Math.max(1, batchSize) + " ROWS ONLY", List.of(after),
                    rs -> new ClearNpwp(rs.getInt(1), rs.getString(2)));
            if (rows.isEmpty()) {
                return sealed;
            }
            sealed += seal(rows, seal);
            after = rows.get(rows.size() - 1).ordinal();
        }
    }

    private int seal(List<ClearNpwp> rows, Function<String, PiiProtector.Sealed> seal) {
        try {
            return inTransaction(c -> {
                // The clear value is part of the condition: a row changed since it was read is left for the next run.
                try (PreparedStatement ps = c.prepareStatement("UPDATE applicant_source SET npwp = NULL, npwp_hmac = ?, "
                        + "npwp_cipher = ? WHERE ordinal = ? AND npwp = ?")) {
                    for (ClearNpwp row : rows) {
                        PiiProtector.Sealed s = seal.apply(row.npwp());
                        ps.setString(1, s.hmac());
                        ps.setString(2, s.cipher());
                        ps.setInt(3, row.ordinal());
                        ps.setString(4, row.npwp());
                        ps.addBatch();
                    }
                    int done = 0;
                    for (int n : ps.executeBatch()) {
                        done += n == Statement.SUCCESS_NO_INFO ? 1 : n;
                    }
                    return done;
                }
            });
        } catch (SQLException e) {
            // Not the driver's message: it may quote the statement's parameters, here the NPWPs.
            throw new IllegalStateException("sealing clear NPWPs in the applicant registry failed (SQL state "
                    + e.getSQLState() + ")");
        }
    }

    // ---- reads -------------------------------------------------------------------------------------------

    public Maxima maxima() {
        return query("SELECT (SELECT COALESCE(MAX(id), 0) FROM applicant_master), (SELECT COALESCE(MAX(id), 0) FROM "
                + "applicant_link), (SELECT COALESCE(MAX(ordinal), -1) FROM applicant_source)", List.of(),
                rs -> new Maxima(rs.getLong(1), rs.getLong(2), rs.getInt(3))).get(0);
    }

    /** Every master's retirement, for the in-memory id resolution. */
    public void retirements(Consumer<long[]> retiredToSurvivor) {
        forEach("SELECT id, survivor_id FROM applicant_master WHERE state = 'RETIRED'", List.of(),
                rs -> retiredToSurvivor.accept(new long[] {rs.getLong(1), rs.getLong(2)}));
    }

    /** A record's current SAME link: its master, the link id, and whether a person asserted it. */
    public record SameLink(int ordinal, long applicant, long linkId, boolean asserted) {
    }

    /**
     * Every current SAME link. Read apart from the source rows: a join with ORDER BY makes H2 sort a million
     * rows in a temporary file, which took minutes; two plain scans take seconds.
     */
    public void sameLinks(Consumer<SameLink> sink) {
        forEach("SELECT source_ordinal, applicant, id, status FROM applicant_link WHERE kind = 'SAME' "
                + "AND status <> 'RETRACTED'", List.of(),
                rs -> sink.accept(new SameLink(rs.getInt(1), rs.getLong(2), rs.getLong(3), "ASSERTED".equals(rs.getString(4)))));
    }

    /** Every source record as stored (any order). */
    public void sources(Consumer<StoredSource> sink) {
        forEach("SELECT * FROM applicant_source", List.of(),
                rs -> sink.accept(new StoredSource(rs.getInt("ordinal"), record(rs), rs.getString("nik_hmac"),
                        rs.getString("nik_parts"), rs.getString("nik_quality"), rs.getString("npwp_hmac"))));
    }

    /** One source row as stored, by its ordinal: what a re-sent record is compared with. */
    public Optional<StoredSource> storedSource(int ordinal) {
        return query("SELECT * FROM applicant_source WHERE ordinal = ?", List.of(ordinal),
                rs -> new StoredSource(rs.getInt("ordinal"), record(rs), rs.getString("nik_hmac"),
                        rs.getString("nik_parts"), rs.getString("nik_quality"), rs.getString("npwp_hmac")))
                .stream().findFirst();
    }

    /** A source record with when its source last changed it. */
    public record DatedRecord(SourceRecord record, Instant updatedAt) {
    }

    /** The records currently linked SAME to a master, the most recently changed first. */
    public List<DatedRecord> recordsOf(long applicant) {
        return query("SELECT s.* FROM applicant_source s JOIN applicant_link l ON l.source_ordinal = s.ordinal "
                + "WHERE l.applicant = ? AND l.kind = 'SAME' AND l.status <> 'RETRACTED' "
                + "ORDER BY s.updated_at DESC, s.ordinal DESC", List.of(applicant),
                rs -> new DatedRecord(record(rs), rs.getTimestamp("updated_at").toInstant()));
    }

    public List<Assertion> differentAssertions() {
        return query("SELECT source_ordinal, applicant, kind FROM applicant_link WHERE kind = 'DIFFERENT' "
                + "AND status = 'ASSERTED'", List.of(),
                rs -> new Assertion(rs.getInt(1), rs.getLong(2), LinkKind.valueOf(rs.getString(3))));
    }

    public Optional<StoredMaster> master(long id) {
        return query("SELECT * FROM applicant_master WHERE id = ?", List.of(id), this::master).stream().findFirst();
    }

    public Optional<StoredLink> linkById(long id) {
        return query(LINK_SELECT + " WHERE l.id = ?", List.of(id), RegistryStore::link).stream().findFirst();
    }

    /** Current SAME and MAYBE links of a master, and the decisions that name it. */
    public List<StoredLink> linksOf(long applicant) {
        return query(LINK_SELECT + " WHERE l.applicant = ? AND l.status <> 'RETRACTED' ORDER BY l.kind DESC, l.id",
                List.of(applicant), RegistryStore::link);
    }

    public List<StoredLink> linksOfSource(int ordinal) {
        return query(LINK_SELECT + " WHERE l.source_ordinal = ? ORDER BY l.id", List.of(ordinal), RegistryStore::link);
    }

    public List<StoredLink> openReviews(long afterId, int limit) {
        return query(LINK_SELECT + " WHERE l.kind = 'MAYBE' AND l.status = 'INFERRED' AND l.id > ? ORDER BY l.id "
                + "FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", List.of(afterId), RegistryStore::link);
    }

    public Optional<SourceRecord> source(int ordinal) {
        return query("SELECT * FROM applicant_source WHERE ordinal = ?", List.of(ordinal), this::record)
                .stream().findFirst();
    }

    public List<StoredEvent> events(long applicant) {
        return query("SELECT applicant, kind, other_applicant, detail, at, cause FROM applicant_event WHERE applicant = ? "
                + "ORDER BY at, id", List.of(applicant), rs -> new StoredEvent(rs.getLong(1), rs.getString(2),
                (Long) rs.getObject(3, Long.class), rs.getString(4), rs.getTimestamp(5).toInstant(), rs.getString(6)));
    }

    private static final String LINK_SELECT = "SELECT l.*, s.source_ref FROM applicant_link l "
            + "JOIN applicant_source s ON s.ordinal = l.source_ordinal";

    private static StoredLink link(ResultSet rs) throws SQLException {
        return new StoredLink(rs.getLong("id"), rs.getInt("source_ordinal"), rs.getString("source_ref"),
                rs.getLong("applicant"), LinkKind.valueOf(rs.getString("kind")), LinkStatus.valueOf(rs.getString("status")),
                rs.getDouble("score"), rs.getString("evidence"), rs.getString("decided_by"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private StoredMaster master(ResultSet rs) throws SQLException {
        return new StoredMaster(rs.getLong("id"), rs.getString("applicant_id"), rs.getString("type"),
                rs.getString("state"), (Long) rs.getObject("survivor_id", Long.class), seal.open(rs.getString("display_name")),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }

    private SourceRecord record(ResultSet rs) throws SQLException {
        return new SourceRecord(rs.getString("source_ref"), rs.getString("type"), seal.open(rs.getString("name")), null,
                rs.getString("npwp"), rs.getString("nib"), rs.getString("birth_date"), rs.getString("birth_place"),
                rs.getString("gender"), new SourceRecord.Address(seal.open(rs.getString("address_line")), rs.getString("village"),
                rs.getString("district"), rs.getString("regency"), rs.getString("province"), rs.getString("region_code"),
                rs.getString("postal_code")), seal.open(rs.getString("phone")), seal.open(rs.getString("email")));
    }

    @FunctionalInterface
    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface RowAction {
        void accept(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, List<Object> params, Row<T> row) {
        List<T> out = new ArrayList<>();
        forEach(sql, params, rs -> out.add(row.map(rs)));
        return out;
    }

    private void forEach(String sql, List<Object> params, RowAction action) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setFetchSize(2000);
            for (int i = 0; i < params.size(); i++) {
                ps.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    action.accept(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("applicant registry read failed: " + e.getMessage(), e);
        }
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
