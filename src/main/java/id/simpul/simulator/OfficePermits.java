package id.simpul.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated office's own permits: types OSS does not handle (izin reklame, izin penelitian, practice permits,
 * izin keramaian), registered at the office's counter into its SiCantik at {@code perHour} permits an hour of the
 * simulator's clock (the first at start), and moved through the office's steps like the hub's registrations.
 * Applicants are made by the OSS payload generator's makers (names with titles, NIKs of the region, addresses);
 * a share of them ({@code overlap}) are people the simulated OSS already pushed, typed again by the clerk (upper
 * case, without titles), so the applicant registry has someone to recognise.
 */
public final class OfficePermits {

    /** Counter fields the office's list shows besides the keluaran's. */
    static final List<String> FIELDS = List.of("jenis_identitas", "tempat_lahir", "tgl_lahir", "jenis_kelamin",
            "kelurahan", "kd_daerah", "jenis_pemohon", "nama_perusahaan", "npwp", "nib", "lokasi", "keterangan",
            "sumber");

    /** jenis_izin_id, nama_izin, what the permit is about (lokasi / keterangan). */
    private static final List<String[]> TYPES = List.of(
            new String[] {"REKLAME", "Izin Penyelenggaraan Reklame", "Billboard 4x6 m, Jl. Palembang-Betung Km. 12"},
            new String[] {"PENELITIAN", "Surat Izin Penelitian", "Penelitian skripsi, Universitas Sriwijaya"},
            new String[] {"SIP-DOKTER", "Surat Izin Praktik Dokter", "Praktik mandiri dokter umum (STR berlaku)"},
            new String[] {"SIP-BIDAN", "Surat Izin Praktik Bidan", "Praktik mandiri bidan (STR berlaku)"},
            new String[] {"SIP-APOTEKER", "Surat Izin Praktik Apoteker", "Apotek (STRA berlaku)"},
            new String[] {"KERAMAIAN", "Izin Penyelenggaraan Kegiatan", "Pentas seni dan bazar, lapangan kecamatan"});
    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final Logger log = LoggerFactory.getLogger(OfficePermits.class);

    private final LocalPermits permits;
    private final OssPayloadGenerator people;
    private final IntFunction<Optional<ObjectNode>> pushedNib;
    private final double perHour;
    private final double overlap;
    private final Clock clock;
    private final Random random;
    private ScheduledExecutorService ticker;
    private Instant startedAt;
    private long registered;

    /**
     * @param pushedNib the n-th NIB the simulated OSS pushed (any n; empty when it pushed none)
     * @param perHour   office permits an hour of {@code clock}; 0 = none unless {@link #registerOne()} is called
     * @param overlap   share of applicants taken from OSS's traffic, 0 to 1
     */
    public OfficePermits(LocalPermits permits, OssPayloadGenerator people, IntFunction<Optional<ObjectNode>> pushedNib,
                         double perHour, double overlap, Clock clock, long seed) {
        this.permits = permits;
        this.people = people;
        this.pushedNib = pushedNib;
        this.perHour = Math.max(0, perHour);
        this.overlap = Math.min(1, Math.max(0, overlap));
        this.clock = clock;
        this.random = new Random(seed);
    }

    /** Registers the office's permits as they fall due, checking every few seconds. */
    public synchronized void start() {
        if (perHour <= 0 || ticker != null) {
            return;
        }
        startedAt = clock.instant();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "simulator-office-permits");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(this::registerDue, 0, 2, TimeUnit.SECONDS);
        log.info("Simulated office registers {} permit(s) of its own an hour", perHour);
    }

    public synchronized void stop() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }

    /** Registers what fell due since start on the simulator's clock: the first at once, then one every 1/perHour. */
    synchronized void registerDue() {
        try {
            long elapsedMillis = Math.max(0, Duration.between(startedAt, clock.instant()).toMillis());
            long due = 1 + (long) Math.floor(elapsedMillis * perHour / 3_600_000d);
            while (registered < due) {
                registerOne();
            }
        } catch (RuntimeException e) {
            log.warn("simulated office permit not registered: {}", e.toString());
        }
    }

    /** Registers one office permit now and returns it. */
    public synchronized LocalPermits.Permit registerOne() {
        registered++;
        return permits.register(fields(), null).permit();
    }

    /** Registers an office permit with these counter fields over generated ones (tests choose region, type, person). */
    public synchronized LocalPermits.Permit register(Map<String, String> given) {
        Map<String, String> fields = fields();
        fields.putAll(given);
        fields.values().removeIf(v -> v == null);
        return permits.register(fields, null).permit();
    }

    private Map<String, String> fields() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), JAKARTA);
        JsonNode fresh = people.nextReceiveNib(now).get("dataNIB");
        JsonNode d = random.nextDouble() < overlap ? pushedNib.apply(random.nextInt(Integer.MAX_VALUE)).orElse(null) : null;
        boolean known = d != null;
        d = known ? d : fresh;
        JsonNode pj = d.path("penanggung_jwb").path(0);
        // OSS's applicant is the company unless the business is a sole trader's (jenis_perseroan 17): a company
        // known to OSS comes to the counter for its billboard or event, a person for anything.
        boolean company = known && !"17".equals(d.path("jenis_perseroan").asText());
        String[] type = company ? TYPES.get(random.nextBoolean() ? 0 : TYPES.size() - 1)
                : TYPES.get(random.nextInt(TYPES.size()));
        Map<String, String> f = new LinkedHashMap<>();
        f.put("jenis_izin_id", type[0]);
        f.put("nama_izin", type[1]);
        f.put("jenis_permohonan", "Baru");
        String name = pj.path("nama_penanggung_jwb").asText();
        // A clerk typing from the KTP: capitals, no academic titles; the registry has to see it is the same person.
        f.put("nama", known ? name.replaceAll(",.*$", "").replaceAll("^(H\\.|Ir\\.|Drs\\.|dr\\.) ", "")
                .toUpperCase(Locale.ROOT) : name);
        f.put("jenis_identitas", "KTP");
        f.put("no_identitas", pj.path("no_identitas_penanggung_jwb").asText());
        f.put("tempat_lahir", d.path("tempat_lahir_user_proses").asText());
        f.put("tgl_lahir", d.path("tgl_lahir_user_proses").asText());
        f.put("jenis_kelamin", d.path("jns_kelamin_user_proses").asText());
        f.put("alamat", pj.path("alamat_penanggung_jwb").asText());
        f.put("kelurahan", pj.path("kelurahan_penanggung_jwb").asText());
        // The permit is the office's, whoever applies: its region is the office's.
        f.put("kd_daerah", fresh.path("kd_daerah").asText());
        f.put("no_hp", pj.path("no_hp_penanggung_jwb").asText());
        f.put("email", pj.path("email_penanggung_jwb").asText());
        f.put("jenis_pemohon", company ? "Badan Usaha" : "Perorangan");
        if (company) {
            f.put("nama", d.path("nama_perseroan").asText());
            f.put("jenis_identitas", "NPWP");
            f.put("no_identitas", d.path("npwp_perseroan").asText());
            f.put("alamat", d.path("alamat_perseroan").asText());
        }
        if (type[0].equals("REKLAME") || type[0].equals("KERAMAIAN")) {
            f.put("nama_perusahaan", d.path("nama_perseroan").asText());
            f.put("npwp", d.path("npwp_perseroan").asText());
            f.put("nib", d.path("nib").asText());
        }
        f.put(type[0].equals("REKLAME") ? "lokasi" : "keterangan", type[2]);
        f.put("sumber", "loket");
        return f;
    }
}
