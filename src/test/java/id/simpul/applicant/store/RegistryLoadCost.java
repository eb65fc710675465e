package id.simpul.applicant.store;

import id.simpul.applicant.ApplicantRegistry;
import id.simpul.applicant.MatchSettings;
import id.simpul.applicant.MergeListener;
import id.simpul.applicant.RegistryFixture;
import id.simpul.applicant.cli.ApplicantCommands;
import id.simpul.applicant.cli.ApplicantGenerator;
import id.simpul.applicant.cli.ApplicantStores;
import id.simpul.applicant.match.FeatureExtractor;
import id.simpul.applicant.pii.PayloadSeal;
import id.simpul.applicant.pii.PiiKeys;
import id.simpul.applicant.pii.PiiProtector;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What sealing the registry's name, street, phone and e-mail (V73) costs its load at start (docs/performance.md):
 * N generated applicants backfilled into an offline store (sealed, as this build writes them), then loaded with
 * the rows sealed and with the same rows in clear (as an earlier build left them), in turns. A measurement to read,
 * not a test: {@code java -cp <test classpath> id.simpul.applicant.store.RegistryLoadCost [N]}.
 */
public final class RegistryLoadCost {

    private static final String[] SEALED = {"name", "address_line", "phone", "email"};

    private RegistryLoadCost() {
    }

    public static void main(String[] args) throws IOException, SQLException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("registry-load-cost");
        Path in = dir.resolve("applicants.jsonl");
        try (var records = Files.newBufferedWriter(in)) {
            ApplicantGenerator.generate(7, n, records, new StringWriter());
        }
        Path store = dir.resolve("store");
        ApplicantCommands.resolveApplicants(new String[] {"--in", in.toString(), "--out",
                dir.resolve("clusters.csv").toString(), "--store", store.toString()}, d -> PiiKeys.load(Map.of(), d));
        PiiProtector pii = PiiKeys.load(Map.of(), store);
        try (ApplicantStores stores = ApplicantStores.open(store)) {
            for (int round = 0; round < 4; round++) {
                for (boolean sealed : new boolean[] {true, false}) {
                    convert(stores, pii.payloadSeal(), sealed);
                    long start = System.nanoTime();
                    ApplicantRegistry registry = new ApplicantRegistry(new RegistryStore(stores.dataSource(),
                            pii.payloadSeal()), new FeatureExtractor(pii, RegistryFixture.CLOCK), MatchSettings.DEFAULTS,
                            RegistryFixture.CLOCK, MergeListener.NONE);
                    registry.load();
                    System.out.printf("round %d: %,d records loaded %s in %d ms%n", round, registry.stats().records(),
                            sealed ? "sealed" : "clear ", (System.nanoTime() - start) / 1_000_000);
                }
            }
            convert(stores, pii.payloadSeal(), true);
            openOnly(stores, pii.payloadSeal());
        }
    }

    /** The opening alone, apart from the load's reading and indexing: what sealing adds on the reading thread. */
    private static void openOnly(ApplicantStores stores, PayloadSeal seal) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = stores.dataSource().getConnection();
             PreparedStatement read = c.prepareStatement("SELECT name, address_line, phone, email FROM applicant_source");
             ResultSet rs = read.executeQuery()) {
            while (rs.next()) {
                for (int i = 1; i <= SEALED.length; i++) {
                    values.add(rs.getString(i));
                }
            }
        }
        long sink = 0;
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            for (String v : values) {
                String clear = seal.open(v);
                sink += clear == null ? 0 : clear.length();
            }
            System.out.printf("open only, round %d: %,d values in %d ms%n", round, values.size(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        System.out.println(sink == 42 ? "" : "done");
    }

    /** Seals or opens the four columns of every row, so both loads read the same records. */
    private static void convert(ApplicantStores stores, PayloadSeal seal, boolean sealed) throws SQLException {
        try (Connection c = stores.dataSource().getConnection();
             PreparedStatement read = c.prepareStatement("SELECT ordinal, name, address_line, phone, email FROM applicant_source");
             PreparedStatement write = c.prepareStatement("UPDATE applicant_source SET name = ?, address_line = ?, phone = ?, "
                     + "email = ? WHERE ordinal = ?")) {
            c.setAutoCommit(false);
            try (ResultSet rs = read.executeQuery()) {
                while (rs.next()) {
                    for (int i = 0; i < SEALED.length; i++) {
                        String clear = seal.open(rs.getString(i + 2));
                        write.setString(i + 1, sealed ? seal.seal(clear) : clear);
                    }
                    write.setInt(5, rs.getInt(1));
                    write.addBatch();
                }
            }
            write.executeBatch();
            c.commit();
        }
    }
}
