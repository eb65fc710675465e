package id.simpul.platform.ledger;

import id.simpul.platform.json.Json;
import id.simpul.platform.security.StoredPayloads;
import id.simpul.support.Fixtures;
import id.simpul.support.TestPayloads;

/**
 * What sealing the stored payloads costs per permit (docs/performance.md): the convert consumer seals the canonical
 * form once and indexes its NIKs (one keyed hash each), the delivery consumer opens it once; the fixture's form is
 * a real one (Banyuasin, about 3 KB). In microseconds per permit. A measurement to read, not a test:
 * {@code java -cp <test classpath> id.simpul.platform.ledger.SealingCost}.
 */
public final class SealingCost {

    private static final int ROUNDS = 30;
    private static final int PERMITS_PER_ROUND = 20_000;

    private SealingCost() {
    }

    private static double us(long nanosForAllPermits) {
        return nanosForAllPermits / 1000.0 / PERMITS_PER_ROUND;
    }

    public static void main(String[] args) {
        StoredPayloads payloads = TestPayloads.sealed();
        String form = Json.write(Json.tree(Fixtures.text("delivery/canonical-permit-banyuasin.json")));
        System.out.println("form: " + form.length() + " characters, NIKs indexed: " + LedgerSubjects.niks(form).size());
        String sealed = payloads.seal(form);
        long sink = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < PERMITS_PER_ROUND; i++) {
                sink += payloads.seal(form).length();
            }
            long sealNs = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < PERMITS_PER_ROUND; i++) {
                for (String nik : LedgerSubjects.niks(form)) {
                    sink += payloads.subjectHash(nik).length();
                }
            }
            long indexNs = System.nanoTime() - start;
            start = System.nanoTime();
            for (int i = 0; i < PERMITS_PER_ROUND; i++) {
                sink += payloads.open(sealed).length();
            }
            long openNs = System.nanoTime() - start;
            if (round >= ROUNDS - 5) {
                System.out.printf("round %d: per permit seal %.1f µs, index %.1f µs, open %.1f µs, total %.1f µs%n", round,
                        us(sealNs), us(indexNs), us(openNs), us(sealNs + indexNs + openNs));
            }
        }
        System.out.println(sink == 42 ? "" : "done");
    }
}
