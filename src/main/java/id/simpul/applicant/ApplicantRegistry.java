package id.simpul.applicant;

import id.simpul.applicant.match.BlockingIndex;
import id.simpul.applicant.match.BlockingKeys;
import id.simpul.applicant.match.FeatureExtractor;
import id.simpul.applicant.match.Features;
import id.simpul.applicant.match.ScoringModel;
import id.simpul.applicant.normalise.Identifiers;
import id.simpul.applicant.normalise.Nik;
import id.simpul.applicant.store.RegistryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The applicant registry: resolves each source record to one master applicant. Matching runs against an
 * in-memory blocking index and compact features (loaded from the store at start), so one record costs a
 * bounded number of comparisons; every decision is written to the store (links with their evidence,
 * masters, merges). The registry is the single writer of its tables: one instance per store.
 */
public final class ApplicantRegistry {

    private static final Logger log = LoggerFactory.getLogger(ApplicantRegistry.class);

    private final RegistryStore store;
    private final FeatureExtractor extractor;
    private final ScoringModel model = new ScoringModel();
    private final MatchSettings settings;
    private final Clock clock;
    private final MergeListener listener;
    private final String newMasterEvidence;
    private final List<MergeEvent> pendingMerges = new ArrayList<>();

    private BlockingIndex index = new BlockingIndex(1 << 16);
    private Features[] records = new Features[1024];
    private int[] recordMaster = new int[1024];
    private long[] sameLink = new long[1024];
    private int[] seen = new int[1024];
    private int stamp;
    private final java.util.BitSet assertedSame = new java.util.BitSet();
    private final Map<Integer, int[]> differentFrom = new HashMap<>();
    private final Map<String, Integer> refs = new HashMap<>();
    private int recordCount;

    private int[] parent = new int[1024];
    private int[] masterSize = new int[1024];
    /** The merges themselves ({@code parent} is path-compressed): lists a master's retired ids for {@link #idsOf}. */
    private RetiredIndex retiredInto = new RetiredIndex(1024);
    private long nextMaster;
    private long nextLink;
    private long activeMasters;
    private long maybeLinks;
    private long differentLinks;
    private long merges;
    private boolean autoFlush = true;

    public ApplicantRegistry(RegistryStore store, FeatureExtractor extractor, MatchSettings settings, Clock clock,
                             MergeListener listener) {
        this.store = store;
        this.extractor = extractor;
        this.settings = settings;
        this.clock = clock;
        this.listener = listener == null ? MergeListener.NONE : listener;
        this.newMasterEvidence = "new master: no candidate reached " + fmt(settings.linkThreshold());
        RegistryStore.Maxima max = store.maxima();
        this.nextMaster = max.master() + 1;
        this.nextLink = max.link() + 1;
    }

    /** Backfills write in batches: call {@link #flush()} yourself. The hub keeps the default (after each record). */
    public synchronized void setAutoFlush(boolean autoFlush) {
        this.autoFlush = autoFlush;
    }

    /** Set by {@link #loadInBackground()}; null when the registry was loaded (or is used) synchronously. */
    private volatile CompletableFuture<Void> loading;

    /**
     * Starts {@link #load()} on a thread of its own and returns at once, so the hub's start does not wait for a
     * million records: every method that needs the registry (matching, decisions, queries) waits until the load
     * is done, and fails if it failed.
     */
    public CompletableFuture<Void> loadInBackground() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loading = done;
        Thread t = new Thread(() -> {
            try {
                load();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                log.error("Applicant registry failed to load: {}", e.toString());
                done.completeExceptionally(e);
            }
        }, "applicant-registry-load");
        t.setDaemon(true);
        t.start();
        return done;
    }

    /** False while a background load is running (or after it failed). */
    public boolean isLoaded() {
        CompletableFuture<Void> f = loading;
        return f == null || f.isDone() && !f.isCompletedExceptionally();
    }

    /** True when a background load ended with an error (matching then fails until the hub restarts). */
    public boolean loadFailed() {
        CompletableFuture<Void> f = loading;
        return f != null && f.isCompletedExceptionally();
    }

    /** Waits, outside the monitor (load holds it), until a background load is done. */
    private void awaitLoaded() {
        CompletableFuture<Void> f = loading;
        if (f == null) {
            return;
        }
        try {
            f.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("the applicant registry failed to load", e.getCause());
        }
    }

    /**
     * Rebuilds the in-memory index from the store: done once when the hub starts. First seals any 16-digit NPWP
     * that a registry before V53 stored in clear (the key is the extractor's, from the environment).
     */
    public synchronized void load() {
        long started = System.nanoTime();
        int sealed = store.sealClearNpwps(extractor::sealNpwp, SEAL_BATCH);
        if (sealed > 0) {
            log.info("Applicant registry: sealed {} 16-digit NPWPs (NIKs) stored in clear before V53", sealed);
        }
        RegistryStore.Maxima max = store.maxima();
        nextMaster = max.master() + 1;
        nextLink = max.link() + 1;
        retiredInto = new RetiredIndex(parent.length);
        ensureMaster((int) nextMaster);
        for (int m = 1; m < nextMaster; m++) {
            parent[m] = m;
        }
        long[] retired = {0};
        store.retirements(pair -> {
            parent[(int) pair[0]] = (int) pair[1];
            retiredInto.retire((int) pair[0], (int) pair[1]);
            retired[0]++;
        });
        int records = max.ordinal() + 1;
        if (records > 100_000) {
            // Sized once for the whole registry instead of growing through a dozen rehashes.
            index = new BlockingIndex(records * 10);
        }
        int[] masterOf = new int[records];
        store.sameLinks(l -> {
            masterOf[l.ordinal()] = (int) l.applicant();
            ensureRecord(l.ordinal());
            sameLink[l.ordinal()] = l.linkId();
            if (l.asserted()) {
                assertedSame.set(l.ordinal());
            }
        });
        // Normalising the stored records again is a third of the load: worker threads do it, chunk by chunk,
        // while this thread reads the next rows; the index is filled here, in the order the rows were read, so
        // the posting lists (newest first, capped when searched) are the same as with a sequential load.
        ExecutorService restorers = Executors.newFixedThreadPool(LOAD_THREADS, r -> {
            Thread t = new Thread(r, "applicant-load");
            t.setDaemon(true);
            return t;
        });
        try {
            ArrayDeque<Future<Restored[]>> ahead = new ArrayDeque<>();
            List<RegistryStore.StoredSource> chunk = new ArrayList<>(LOAD_CHUNK);
            store.sources(s -> {
                chunk.add(s);
                if (chunk.size() == LOAD_CHUNK) {
                    List<RegistryStore.StoredSource> full = new ArrayList<>(chunk);
                    chunk.clear();
                    ahead.add(restorers.submit(() -> restore(full)));
                    while (ahead.size() > 2 * LOAD_THREADS) {
                        index(await(ahead.poll()), masterOf);
                    }
                }
            });
            if (!chunk.isEmpty()) {
                ahead.add(restorers.submit(() -> restore(chunk)));
            }
            while (!ahead.isEmpty()) {
                index(await(ahead.poll()), masterOf);
            }
        } finally {
            restorers.shutdownNow();
        }
        for (RegistryStore.Assertion a : store.differentAssertions()) {
            addDifferent(a.ordinal(), (int) a.applicant());
        }
        activeMasters = nextMaster - 1 - retired[0];
        log.info("Applicant registry loaded: {} source records, {} active masters, in {} ms", recordCount, activeMasters,
                (System.nanoTime() - started) / 1_000_000);
    }

    private static final int LOAD_THREADS = 2;
    private static final int SEAL_BATCH = 1000;
    private static final int LOAD_CHUNK = 4096;

    private record Restored(int ordinal, String sourceRef, Features features) {
    }

    private static Restored[] restore(List<RegistryStore.StoredSource> rows) {
        Restored[] out = new Restored[rows.size()];
        for (int i = 0; i < out.length; i++) {
            RegistryStore.StoredSource s = rows.get(i);
            out[i] = new Restored(s.ordinal(), s.record().sourceRef(), FeatureExtractor.restore(s.record(), s.nikHmac(),
                    s.nikParts(), Nik.Quality.valueOf(s.nikQuality()), s.npwpHmac()));
        }
        return out;
    }

    private void index(Restored[] rows, int[] masterOf) {
        for (Restored r : rows) {
            put(r.ordinal(), r.sourceRef(), r.features(), masterOf[r.ordinal()]);
            masterSize[find(masterOf[r.ordinal()])]++;
        }
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the applicant registry", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    /** A record normalised and hashed, ready to match; preparing needs no lock, so backfills do it in parallel. */
    public record Prepared(SourceRecord record, FeatureExtractor.Extracted extracted) {
    }

    public Prepared prepare(SourceRecord r) {
        if (r == null || r.sourceRef() == null || r.sourceRef().isBlank()) {
            throw new IllegalArgumentException("a source record needs a sourceRef");
        }
        return new Prepared(r, extractor.extract(r));
    }

    /** Resolves one source record to its master applicant, linking, creating or merging as the evidence says. */
    public Resolution resolve(SourceRecord r) {
        return resolve(prepare(r));
    }

    public Resolution resolve(Prepared p) {
        awaitLoaded();
        return resolveLoaded(p);
    }

    private synchronized Resolution resolveLoaded(Prepared p) {
        SourceRecord r = p.record();
        Instant now = clock.instant();
        FeatureExtractor.Extracted x = p.extracted();
        Features f = x.features();
        // Identifiers are stored in canonical form (they are re-normalised identically when the index is rebuilt).
        // The NIK, and a 16-digit NPWP (a NIK), are stored only as HMAC and ciphertext (x), never in clear.
        SourceRecord stored = new SourceRecord(r.sourceRef(), r.applicantType().name(), r.name(), null,
                x.npwp(), blankToNull(Identifiers.nib(r.nib())), x.birthDate(),
                r.birthPlace(), x.gender(), r.address(), blankToNull(Identifiers.phone(r.phone())),
                blankToNull(Identifiers.email(r.email())));
        Integer known = refs.get(r.sourceRef());
        List<Candidate> candidates = candidates(f, known == null ? -1 : known);
        Resolution result;
        if (known != null) {
            result = resend(known, f, stored, x, candidates, now);
        } else {
            result = add(f, stored, x, candidates, now);
        }
        if (autoFlush) {
            flush();
        }
        return result;
    }

    private Resolution add(Features f, SourceRecord stored, FeatureExtractor.Extracted x, List<Candidate> candidates,
                           Instant now) {
        int ord = recordCount;
        put(ord, stored.sourceRef(), f, 0);
        store.source(ord, true, stored, x.nikHmac(), x.nikParts(), x.nikCipher(), x.nikQuality().name(), x.npwpHmac(),
                x.npwpCipher(), now);
        Candidate top = candidates.isEmpty() ? null : candidates.get(0);
        if (top != null && top.score >= settings.linkThreshold()) {
            int master = top.master;
            List<String> merged = new ArrayList<>();
            // Best records of the masters joined so far: each further master must agree with all of them, not only
            // with the top one, or a record fitting three masters joins two that contradict each other.
            List<Integer> joined = new ArrayList<>(List.of(top.record));
            for (int i = 1; i < candidates.size(); i++) {
                Candidate other = candidates.get(i);
                if (other.score < settings.mergeThreshold() || top.score < settings.mergeThreshold()) {
                    break;
                }
                int a = find(master);
                int b = find(other.master);
                // A record that fits two masters proves them one only if their own records do not contradict.
                if (a != b && !other.conflict && !conflictsWithAny(joined, other.record) && !cannotLink(a, b)) {
                    joined.add(other.record);
                    int survivor = Math.min(a, b);
                    int retired = Math.max(a, b);
                    merge(retired, survivor, MergeEvent.Cause.AUTOMATIC, "record " + stored.sourceRef()
                            + " matches both (" + fmt(top.score) + ", " + fmt(other.score) + ")", now);
                    merged.add(ApplicantIds.format(retired));
                    master = survivor;
                }
            }
            master = find(master);
            recordMaster[ord] = master;
            masterSize[master]++;
            long link = nextLink++;
            sameLink[ord] = link;
            store.link(link, ord, master, LinkKind.SAME, LinkStatus.INFERRED, top.score, evidence(f, top), null, now);
            return new Resolution(ApplicantIds.format(master), Resolution.Outcome.LINKED, top.score, List.of(), merged);
        }
        int master = newMaster(f, stored, now);
        recordMaster[ord] = master;
        masterSize[master]++;
        long link = nextLink++;
        sameLink[ord] = link;
        store.link(link, ord, master, LinkKind.SAME, LinkStatus.INFERRED, 0, newMasterEvidence, null, now);
        List<Long> reviews = new ArrayList<>();
        for (Candidate c : candidates) {
            if (reviews.size() >= settings.maxReviews() || c.score < settings.reviewThreshold()) {
                break;
            }
            long review = nextLink++;
            store.link(review, ord, find(c.master), LinkKind.MAYBE, LinkStatus.INFERRED, c.score, evidence(f, c), null, now);
            reviews.add(review);
            maybeLinks++;
        }
        return new Resolution(ApplicantIds.format(master),
                reviews.isEmpty() ? Resolution.Outcome.NEW : Resolution.Outcome.NEW_WITH_REVIEW, 0, reviews, List.of());
    }

    /**
     * A record seen before (OSS re-sends a NIB when it changes). Its master is kept unless the record was
     * alone there and now clearly belongs to another master; decisions made by people always stand.
     */
    private Resolution resend(int ord, Features f, SourceRecord stored, FeatureExtractor.Extracted x,
                              List<Candidate> candidates, Instant now) {
        // Postings are never removed, so only blocks the record was not filed under before get one: an
        // unchanged re-send adds nothing, and re-sends do not inflate a name's frequency (index.count).
        long[] filed = BlockingKeys.of(records[ord]);
        records[ord] = f;
        for (long key : BlockingKeys.of(f)) {
            if (!contains(filed, key)) {
                index.add(key, ord);
            }
        }
        store.source(ord, false, stored, x.nikHmac(), x.nikParts(), x.nikCipher(), x.nikQuality().name(), x.npwpHmac(),
                x.npwpCipher(), now);
        int current = find(recordMaster[ord]);
        if (!assertedSame.get(ord) && !candidates.isEmpty() && masterSize[current] == 1) {
            Candidate top = candidates.get(0);
            int target = find(top.master);
            if (target != current && top.score >= settings.linkThreshold() && !cannotLink(current, target)) {
                int survivor = Math.min(current, target);
                int retired = Math.max(current, target);
                merge(retired, survivor, MergeEvent.Cause.RESEND, "re-sent record " + stored.sourceRef() + " matches "
                        + fmt(top.score), now);
                return new Resolution(ApplicantIds.format(survivor), Resolution.Outcome.KNOWN, top.score, List.of(),
                        List.of(ApplicantIds.format(retired)));
            }
        }
        return new Resolution(ApplicantIds.format(current), Resolution.Outcome.KNOWN, 0, List.of(), List.of());
    }

    private boolean conflictsWithAny(List<Integer> ordinals, int ord) {
        for (int o : ordinals) {
            if (model.conflicts(records[o], records[ord])) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(long[] keys, long key) {
        for (long k : keys) {
            if (k == key) {
                return true;
            }
        }
        return false;
    }

    /**
     * A candidate master: its best-scoring record, and whether any of its records seen conflicts with the
     * incoming one (then the score is capped below the link threshold: a person decides).
     */
    private record Candidate(int master, int record, double score, boolean conflict) {
    }

    private static final int MAX_MASTERS = 64;

    /** Candidate masters reaching the review threshold, best first. */
    private List<Candidate> candidates(Features f, int self) {
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(seen, 0);
            stamp = 1;
        }
        int[] masters = new int[MAX_MASTERS];
        int[] best = new int[MAX_MASTERS];
        double[] scores = new double[MAX_MASTERS];
        boolean[] conflict = new boolean[MAX_MASTERS];
        int[] n = {0};
        int[] asserted = self >= 0 ? differentFrom.get(self) : null;
        long nameKey = BlockingKeys.nameKey(f);
        double nameCap = ScoringModel.nameCap(nameKey == 0 ? 0 : index.count(nameKey), recordCount);
        for (long key : BlockingKeys.probes(f)) {
            index.forEach(key, settings.blockCap(), ord -> {
                if (ord == self || seen[ord] == stamp) {
                    return;
                }
                seen[ord] = stamp;
                Features other = records[ord];
                double s = model.score(f, other, nameCap);
                int m = find(recordMaster[ord]);
                if (asserted != null && isDifferent(asserted, m)) {
                    return;
                }
                int i = 0;
                while (i < n[0] && masters[i] != m) {
                    i++;
                }
                if (i == n[0]) {
                    if (n[0] == MAX_MASTERS) {
                        return;
                    }
                    masters[i] = m;
                    best[i] = ord;
                    scores[i] = s;
                    n[0]++;
                } else if (s > scores[i]) {
                    scores[i] = s;
                    best[i] = ord;
                }
                // Any record of the master counts, however low it scores: a father's record with his own NIK and
                // birth date scores below zero against his namesake son, and is exactly what must keep the son's
                // record (matching the father's other records on name, street and phone) out of that master.
                if (model.conflicts(f, other)) {
                    conflict[i] = true;
                }
            });
        }
        List<Candidate> out = new ArrayList<>();
        double cap = settings.linkThreshold() - 0.01;
        for (int i = 0; i < n[0]; i++) {
            double s = conflict[i] ? Math.min(scores[i], cap) : scores[i];
            if (s >= settings.reviewThreshold()) {
                out.add(new Candidate(masters[i], best[i], s, conflict[i]));
            }
        }
        out.sort((a, b) -> Double.compare(b.score, a.score));
        return out;
    }

    private boolean isDifferent(int[] assertedMasters, int master) {
        for (int m : assertedMasters) {
            if (find(m) == master) {
                return true;
            }
        }
        return false;
    }

    /** True when a person decided that some record of one master is not the other applicant. */
    private boolean cannotLink(int a, int b) {
        for (Map.Entry<Integer, int[]> e : differentFrom.entrySet()) {
            int own = find(recordMaster[e.getKey()]);
            if ((own == a && isDifferent(e.getValue(), b)) || (own == b && isDifferent(e.getValue(), a))) {
                return true;
            }
        }
        return false;
    }

    private String evidence(Features f, Candidate c) {
        long nameKey = BlockingKeys.nameKey(f);
        double nameCap = ScoringModel.nameCap(nameKey == 0 ? 0 : index.count(nameKey), recordCount);
        return ApplicantIds.format(find(c.master)) + " via record #" + c.record + " score " + fmt(c.score)
                + (c.conflict ? " (capped: a record of this applicant conflicts)" : "") + ": "
                + model.explain(f, records[c.record], nameCap).stream().map(Object::toString).collect(Collectors.joining(" "));
    }

    private int newMaster(Features f, SourceRecord r, Instant now) {
        int id = (int) nextMaster++;
        ensureMaster(id);
        parent[id] = id;
        activeMasters++;
        store.master(id, ApplicantIds.format(id), f.organization ? "ORGANIZATION" : "PERSON", r.name(), now);
        return id;
    }

    /** {@code reason} (free text naming records or staff) goes to the history only; listeners get {@code cause}. */
    private void merge(int retired, int survivor, MergeEvent.Cause cause, String reason, Instant at) {
        parent[retired] = survivor;
        retiredInto.retire(retired, survivor);
        masterSize[survivor] += masterSize[retired];
        masterSize[retired] = 0;
        activeMasters--;
        merges++;
        store.retire(retired, survivor, at);
        store.event(survivor, "MERGED_IN", (long) retired, reason, at, cause.name());
        store.event(retired, "RETIRED_INTO", (long) survivor, reason, at);
        pendingMerges.add(new MergeEvent(ApplicantIds.format(survivor), ApplicantIds.format(retired), cause, at));
    }

    /** Backfills: hands buffered changes to the store's background writer and goes on matching. */
    public synchronized void flushAsync() {
        store.flushAsync();
    }

    /** Writes buffered changes, then tells the listener about merges now stored. */
    public synchronized void flush() {
        store.flush();
        if (!pendingMerges.isEmpty()) {
            List<MergeEvent> out = List.copyOf(pendingMerges);
            pendingMerges.clear();
            for (MergeEvent e : out) {
                try {
                    listener.merged(e);
                } catch (RuntimeException ex) {
                    log.warn("merge listener failed for {} -> {}: {}", e.retiredId(), e.survivorId(), ex.toString());
                }
            }
        }
    }

    // ---- people's decisions --------------------------------------------------------------------------------

    /** The outcome of a review decision: the master the record belongs to now. */
    public record Decision(long reviewId, LinkKind decided, String applicantId, List<String> merged) {
    }

    /**
     * Decides a review item (a MAYBE link): SAME merges the record's master and the candidate (the older id
     * survives); DIFFERENT records that the record is not that applicant, which matching then respects.
     *
     * @throws java.util.NoSuchElementException when there is no such review item
     * @throws IllegalStateException            when it was decided already
     */
    public Decision decide(long reviewId, boolean same, String decidedBy) {
        awaitLoaded();
        return decideLoaded(reviewId, same, decidedBy);
    }

    private synchronized Decision decideLoaded(long reviewId, boolean same, String decidedBy) {
        flush();
        RegistryStore.StoredLink link = store.linkById(reviewId)
                .orElseThrow(() -> new java.util.NoSuchElementException("no review item " + reviewId));
        if (link.kind() != LinkKind.MAYBE || link.status() != LinkStatus.INFERRED) {
            throw new IllegalStateException("review item " + reviewId + " is already decided (" + link.kind() + " "
                    + link.status() + ")");
        }
        Instant now = clock.instant();
        int ord = link.ordinal();
        int candidate = find((int) link.applicant());
        int current = find(recordMaster[ord]);
        String by = decidedBy == null || decidedBy.isBlank() ? "operator" : decidedBy;
        maybeLinks--;
        if (!same) {
            store.updateLink(reviewId, LinkKind.DIFFERENT, LinkStatus.ASSERTED, null, by, now);
            store.event(candidate, "DECIDED_DIFFERENT", (long) current, link.sourceRef() + " is not this applicant", now);
            addDifferent(ord, candidate);
            differentLinks++;
            flush();
            return new Decision(reviewId, LinkKind.DIFFERENT, ApplicantIds.format(current), List.of());
        }
        List<String> merged = new ArrayList<>();
        int survivor = current;
        if (current != candidate) {
            survivor = Math.min(current, candidate);
            int retired = Math.max(current, candidate);
            merge(retired, survivor, MergeEvent.Cause.REVIEW_DECISION, "decided by " + by + " on review " + reviewId,
                    now);
            merged.add(ApplicantIds.format(retired));
        }
        store.updateLink(sameLink[ord], LinkKind.SAME, LinkStatus.RETRACTED, null, by, now);
        store.updateLink(reviewId, LinkKind.SAME, LinkStatus.ASSERTED, (long) survivor, by, now);
        sameLink[ord] = reviewId;
        assertedSame.set(ord);
        store.event(survivor, "DECIDED_SAME", null, link.sourceRef() + " is this applicant", now);
        flush();
        return new Decision(reviewId, LinkKind.SAME, ApplicantIds.format(survivor), merged);
    }

    /**
     * Splits source records off a master into a new one (a wrong merge or link). The moved records get
     * ASSERTED links to the new master and ASSERTED DIFFERENT links to the old one, so matching never joins
     * them again on its own.
     *
     * @return the new master's id
     */
    public String split(String applicantId, List<String> sourceRefs, String decidedBy) {
        awaitLoaded();
        return splitLoaded(applicantId, sourceRefs, decidedBy);
    }

    private synchronized String splitLoaded(String applicantId, List<String> sourceRefs, String decidedBy) {
        long number = ApplicantIds.parse(applicantId);
        if (number <= 0 || number >= nextMaster) {
            throw new java.util.NoSuchElementException("no applicant " + applicantId);
        }
        int master = find((int) number);
        List<Integer> moving = new ArrayList<>();
        for (String ref : sourceRefs) {
            Integer ord = refs.get(ref);
            if (ord == null || find(recordMaster[ord]) != master) {
                throw new IllegalArgumentException("source record " + ref + " is not linked to " + applicantId);
            }
            if (!moving.contains(ord)) {
                moving.add(ord);
            }
        }
        if (moving.isEmpty() || moving.size() >= masterSize[master]) {
            throw new IllegalArgumentException("a split must move some, not all, records of " + applicantId);
        }
        flush();
        Instant now = clock.instant();
        String by = decidedBy == null || decidedBy.isBlank() ? "operator" : decidedBy;
        int created = newMaster(records[moving.get(0)], store.source(moving.get(0)).orElseThrow(), now);
        for (int ord : moving) {
            store.updateLink(sameLink[ord], LinkKind.SAME, LinkStatus.RETRACTED, null, by, now);
            long same = nextLink++;
            store.link(same, ord, created, LinkKind.SAME, LinkStatus.ASSERTED, 0, "split from "
                    + ApplicantIds.format(master) + " by " + by, by, now);
            long different = nextLink++;
            store.link(different, ord, master, LinkKind.DIFFERENT, LinkStatus.ASSERTED, 0, "split from "
                    + ApplicantIds.format(master) + " by " + by, by, now);
            sameLink[ord] = same;
            recordMaster[ord] = created;
            assertedSame.set(ord);
            addDifferent(ord, master);
            differentLinks++;
        }
        masterSize[master] -= moving.size();
        masterSize[created] += moving.size();
        String detail = moving.size() + " record(s) split by " + by;
        store.event(master, "SPLIT_OFF", (long) created, detail, now);
        store.event(created, "SPLIT_FROM", (long) master, detail, now);
        flush();
        return ApplicantIds.format(created);
    }

    // ---- queries -------------------------------------------------------------------------------------------

    /** The current master for an id: itself when active, its survivor when retired; empty when unknown. */
    public Optional<String> resolveId(String applicantId) {
        awaitLoaded();
        return resolveIdLoaded(applicantId);
    }

    private synchronized Optional<String> resolveIdLoaded(String applicantId) {
        int master = currentMaster(applicantId);
        return master == 0 ? Optional.empty() : Optional.of(ApplicantIds.format(master));
    }

    /** The master an id answers as now (its survivor when retired), 0 when no master had it. */
    private int currentMaster(String applicantId) {
        long number = ApplicantIds.parse(applicantId);
        return number <= 0 || number >= nextMaster ? 0 : find((int) number);
    }

    /** The master a source record belongs to now. */
    public Optional<String> applicantOf(String sourceRef) {
        awaitLoaded();
        return applicantOfLoaded(sourceRef);
    }

    private synchronized Optional<String> applicantOfLoaded(String sourceRef) {
        Integer ord = refs.get(sourceRef);
        return ord == null ? Optional.empty() : Optional.of(ApplicantIds.format(find(recordMaster[ord])));
    }

    /** What a lookup is by: the identifiers the registry keeps a keyed hash or number of. */
    public enum Identifier { NIK, NPWP, NIB }

    /** A lookup visits at most this many records per block: an identifier's block is a person's or a firm's records. */
    private static final int LOOKUP_CAP = 10_000;

    /**
     * The masters with a record carrying exactly this identifier, the one with most such records first (then the
     * one with the newest): found through the in-memory blocking index by the same keyed hash matching uses, so
     * no stored column is searched. A NIK also finds it as a 16-digit NPWP and the other way round (since 2024 a
     * resident's NPWP is their NIK).
     *
     * @param value a NIK (16 digits), an NPWP or an NIB (13 digits) as typed; callers validate it first
     */
    public List<String> mastersWith(Identifier kind, String value) {
        String nik = kind == Identifier.NIK || kind == Identifier.NPWP && Identifiers.npwpIsNik(Identifiers.npwp(value))
                ? value : null;
        String npwp = kind == Identifier.NIB ? null : value;
        String nib = kind == Identifier.NIB ? value : null;
        Features person = extractor.extract(new SourceRecord("lookup", "PERSON", "", nik, npwp, nib, null, null, null,
                null, null, null)).features();
        Features firm = extractor.extract(new SourceRecord("lookup", "ORGANIZATION", "", nik, npwp, nib, null, null,
                null, null, null, null)).features();
        awaitLoaded();
        return mastersWithLoaded(person, firm);
    }

    private synchronized List<String> mastersWithLoaded(Features person, Features firm) {
        java.util.TreeSet<Integer> carrying = new java.util.TreeSet<>();
        for (Features probe : List.of(person, firm)) {
            for (long key : BlockingKeys.of(probe)) {
                index.forEach(key, LOOKUP_CAP, ord -> {
                    Features other = records[ord];
                    if (probe.nik != 0 && other.nik == probe.nik || probe.npwp != 0 && other.npwp == probe.npwp
                            || probe.nib != 0 && other.nib == probe.nib) {
                        carrying.add(ord);
                    }
                });
            }
        }
        // Per master: {records carrying it, the newest of them}; ordinals ascend, so the last one seen is the newest.
        Map<Integer, int[]> masters = new HashMap<>();
        for (int ord : carrying) {
            int[] m = masters.computeIfAbsent(find(recordMaster[ord]), k -> new int[2]);
            m[0]++;
            m[1] = ord;
        }
        return masters.entrySet().stream()
                .sorted((a, b) -> a.getValue()[0] != b.getValue()[0] ? Integer.compare(b.getValue()[0], a.getValue()[0])
                        : Integer.compare(b.getValue()[1], a.getValue()[1]))
                .map(e -> ApplicantIds.format(e.getKey()))
                .toList();
    }

    /** The records linked to a master now (a retired id: its survivor's), the most recently changed first. */
    public List<RegistryStore.DatedRecord> recordsOf(String applicantId) {
        Optional<String> current = resolveId(applicantId);
        if (current.isEmpty()) {
            return List.of();
        }
        synchronized (this) {
            flush();
        }
        return store.recordsOf(ApplicantIds.parse(current.get()));
    }

    /**
     * A master's id and every id retired into it, directly or through other merges: a permit taken before a merge
     * names the id its applicant had then.
     */
    public List<String> idsOf(String applicantId) {
        awaitLoaded();
        return idsOfLoaded(applicantId);
    }

    private synchronized List<String> idsOfLoaded(String applicantId) {
        int master = currentMaster(applicantId);
        if (master == 0) {
            return List.of();
        }
        int[] under = retiredInto.idsUnder(master);
        List<String> ids = new ArrayList<>(under.length);
        for (int m : under) {
            ids.add(ApplicantIds.format(m));
        }
        return ids;
    }

    /** @param unchanged true when the record was stored before exactly so: nothing was written */
    public record Registration(Resolution resolution, boolean unchanged) {
    }

    /**
     * Resolves a record unless its sourceRef is known with the same content already, so a source that sends a
     * record twice (a counter's retry) writes it once.
     */
    public Registration register(Prepared p) {
        awaitLoaded();
        synchronized (this) {
            Integer known = refs.get(p.record().sourceRef());
            if (known != null) {
                flush();
                RegistryStore.StoredSource before = store.storedSource(known).orElse(null);
                if (before != null && sameContent(before, p)) {
                    return new Registration(new Resolution(ApplicantIds.format(find(recordMaster[known])),
                            Resolution.Outcome.KNOWN, 0, List.of(), List.of()), true);
                }
            }
            return new Registration(resolveLoaded(p), false);
        }
    }

    /** Compares what {@link #resolveLoaded} would store with the stored row: identifiers by their keyed hashes. */
    private static boolean sameContent(RegistryStore.StoredSource before, Prepared p) {
        SourceRecord r = p.record();
        FeatureExtractor.Extracted x = p.extracted();
        SourceRecord s = before.record();
        SourceRecord.Address a = r.address() == null ? new SourceRecord.Address(null, null, null, null, null, null, null)
                : r.address();
        return java.util.Objects.equals(before.nikHmac(), x.nikHmac())
                && java.util.Objects.equals(before.npwpHmac(), x.npwpHmac())
                && java.util.Objects.equals(s.type(), r.applicantType().name())
                && java.util.Objects.equals(s.name(), r.name())
                && java.util.Objects.equals(s.npwp(), x.npwp())
                && java.util.Objects.equals(s.nib(), blankToNull(Identifiers.nib(r.nib())))
                && java.util.Objects.equals(s.birthDate(), x.birthDate())
                && java.util.Objects.equals(s.birthPlace(), r.birthPlace())
                && java.util.Objects.equals(s.gender(), x.gender())
                && java.util.Objects.equals(s.address(), a)
                && java.util.Objects.equals(s.phone(), blankToNull(Identifiers.phone(r.phone())))
                && java.util.Objects.equals(s.email(), blankToNull(Identifiers.email(r.email())));
    }

    public record Stats(long records, long masters, long sameLinks, long maybeLinks, long differentLinks, long merges,
                        int blockingKeys, int postings) {
    }

    public Stats stats() {
        awaitLoaded();
        return statsLoaded();
    }

    private synchronized Stats statsLoaded() {
        return new Stats(recordCount, activeMasters, recordCount, maybeLinks, differentLinks, merges, index.keys(),
                index.postings());
    }

    public RegistryStore store() {
        return store;
    }

    /** A master with its records, open reviews, decisions and history; a retired id shows its survivor. */
    public Optional<ApplicantViews.Applicant> view(String applicantId) {
        Optional<String> current = resolveId(applicantId);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        synchronized (this) {
            flush();
        }
        long id = ApplicantIds.parse(current.get());
        RegistryStore.StoredMaster master = store.master(id).orElse(null);
        if (master == null) {
            return Optional.empty();
        }
        List<ApplicantViews.Link> records = new ArrayList<>();
        List<ApplicantViews.Link> reviews = new ArrayList<>();
        List<ApplicantViews.Link> decisions = new ArrayList<>();
        for (RegistryStore.StoredLink l : store.linksOf(id)) {
            ApplicantViews.Link link = link(l);
            switch (l.kind()) {
                case SAME -> records.add(link);
                case MAYBE -> reviews.add(link);
                case DIFFERENT -> decisions.add(link);
            }
        }
        List<ApplicantViews.History> history = store.events(id).stream()
                .map(e -> new ApplicantViews.History(e.kind(), e.other() == null ? null : ApplicantIds.format(e.other()),
                        e.detail(), e.at()))
                .toList();
        return Optional.of(new ApplicantViews.Applicant(current.get(), applicantId, master.type(), master.displayName(),
                records, reviews, decisions, history));
    }

    /** Open review items (MAYBE links) after the given id, oldest first. */
    public List<ApplicantViews.ReviewItem> reviews(long afterId, int limit) {
        awaitLoaded();
        synchronized (this) {
            flush();
        }
        List<ApplicantViews.ReviewItem> out = new ArrayList<>();
        for (RegistryStore.StoredLink l : store.openReviews(afterId, Math.max(1, Math.min(limit, 500)))) {
            String name = store.source(l.ordinal()).map(SourceRecord::name).orElse(null);
            out.add(new ApplicantViews.ReviewItem(l.id(), l.sourceRef(), name,
                    resolveId(ApplicantIds.format(l.applicant())).orElse(null), applicantOf(l.sourceRef()).orElse(null),
                    l.score(), ApplicantViews.parse(l.evidence()), l.evidence(), l.createdAt()));
        }
        return out;
    }

    private static ApplicantViews.Link link(RegistryStore.StoredLink l) {
        return new ApplicantViews.Link(l.id(), l.sourceRef(), ApplicantIds.format(l.applicant()), l.kind(), l.status(),
                l.score(), ApplicantViews.parse(l.evidence()), l.evidence(), l.decidedBy(), l.createdAt(), l.updatedAt());
    }

    // ---- in-memory structures ----------------------------------------------------------------------------

    private void ensureRecord(int ord) {
        if (ord >= records.length) {
            int size = Math.max(ord + 1, records.length + (records.length >> 1));
            records = Arrays.copyOf(records, size);
            recordMaster = Arrays.copyOf(recordMaster, size);
            sameLink = Arrays.copyOf(sameLink, size);
            seen = Arrays.copyOf(seen, size);
        }
    }

    private void put(int ord, String ref, Features f, int master) {
        ensureRecord(ord);
        records[ord] = f;
        recordMaster[ord] = master;
        refs.put(ref, ord);
        recordCount = Math.max(recordCount, ord + 1);
        for (long key : BlockingKeys.of(f)) {
            index.add(key, ord);
        }
    }

    private void ensureMaster(int id) {
        if (id >= parent.length) {
            int size = Math.max(id + 1, parent.length + (parent.length >> 1));
            parent = Arrays.copyOf(parent, size);
            masterSize = Arrays.copyOf(masterSize, size);
            retiredInto.ensureCapacity(size);
        }
    }

    private void addDifferent(int ord, int master) {
        int[] old = differentFrom.get(ord);
        int[] now = old == null ? new int[] {master} : Arrays.copyOf(old, old.length + 1);
        now[now.length - 1] = master;
        differentFrom.put(ord, now);
    }

    /** Union-find root with path halving: a retired master resolves to its survivor. */
    private int find(int m) {
        while (parent[m] != m) {
            parent[m] = parent[parent[m]];
            m = parent[m];
        }
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /**
     * {@code String.format(Locale.ROOT, "%.1f", d)}, which was a sixth of the matching thread's time (it runs
     * for every link's evidence): the Formatter rounds the shortest decimal form ({@link Double#toString})
     * half-up, and so does this, on that string; exponent forms and non-finite values go to the Formatter.
     */
    static String fmt(double d) {
        String s = Double.toString(d);
        int dot = s.indexOf('.');
        if (dot < 0 || s.indexOf('E') >= 0 || !Double.isFinite(d)) {
            return String.format(java.util.Locale.ROOT, "%.1f", d);
        }
        if (s.length() - dot <= 2) {
            return s;
        }
        char[] digits = s.substring(0, dot + 2).toCharArray();
        if (s.charAt(dot + 2) >= '5') {
            int i = digits.length - 1;
            while (i >= 0) {
                char c = digits[i];
                if (c == '.' || c == '-') {
                    i--;
                    continue;
                }
                if (c == '9') {
                    digits[i] = '0';
                    i--;
                } else {
                    digits[i]++;
                    break;
                }
            }
            if (i < 0 || digits[i] == '-') {
                // Carried past the first digit: 9.96 -> 10.0, -9.96 -> -10.0.
                int at = digits[0] == '-' ? 1 : 0;
                return new String(digits, 0, at) + "1" + new String(digits, at, digits.length - at);
            }
        }
        return new String(digits);
    }
}
