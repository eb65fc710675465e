package id.simpul.platform.ledger;

import id.simpul.platform.security.StoredPayloads;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The data-subject index of the ledger ({@code ledger_subject}, V70): which versions carry a person's NIK, as their
 * identity number or as a 16-digit NPWP (a resident's NPWP is their NIK), by the registry's keyed hash of it. The
 * canonical form itself is sealed, so this is how a data-subject export finds a person's permits.
 */
public final class LedgerSubjects {

    /**
     * What the export matched in the form's text before sealing ({@code "identityNumber":"<16 digits>"} or
     * {@code "npwp":"<16 digits>"} anywhere): the same rule on the text, so the export's answers stay the same.
     */
    private static final List<String> KEYS = List.of("\"identityNumber\":\"", "\"npwp\":\"");
    private static final int NIK_DIGITS = 16;

    private LedgerSubjects() {
    }

    /**
     * The NIKs a canonical form carries, each once. By indexOf, not a pattern: a third of the cost on the hot path.
     * Also the rule of the offices' own permits' index ({@code local_permit_subject}, V74): the export finds both alike.
     */
    public static Set<String> niks(String canonicalJson) {
        Set<String> niks = new LinkedHashSet<>();
        if (canonicalJson == null) {
            return niks;
        }
        for (String key : KEYS) {
            for (int at = canonicalJson.indexOf(key); at >= 0; at = canonicalJson.indexOf(key, at + 1)) {
                int from = at + key.length();
                int to = from + NIK_DIGITS;
                if (to < canonicalJson.length() && canonicalJson.charAt(to) == '"' && digits(canonicalJson, from, to)) {
                    niks.add(canonicalJson.substring(from, to));
                }
            }
        }
        return niks;
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Indexes a version's form in the caller's transaction; {@code again}: its earlier rows are replaced. */
    static void index(JdbcClient jdbc, StoredPayloads payloads, long ledgerId, String canonicalJson, boolean again) {
        if (again) {
            jdbc.sql("DELETE FROM ledger_subject WHERE ledger_id = :id").param("id", ledgerId).update();
        }
        for (String nik : niks(canonicalJson)) {
            jdbc.sql("INSERT INTO ledger_subject (subject_hash, ledger_id) VALUES (:h, :id)")
                    .param("h", payloads.subjectHash(nik)).param("id", ledgerId).update();
        }
    }
}
