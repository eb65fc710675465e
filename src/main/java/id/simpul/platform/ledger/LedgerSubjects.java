package id.simpul.platform.ledger;

import id.simpul.platform.security.StoredPayloads;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private static final Pattern NIK = Pattern.compile("\"(?:identityNumber|npwp)\":\"([0-9]{16})\"");

    private LedgerSubjects() {
    }

    /** The NIKs a canonical form carries, each once. */
    static Set<String> niks(String canonicalJson) {
        Set<String> niks = new LinkedHashSet<>();
        if (canonicalJson != null) {
            Matcher m = NIK.matcher(canonicalJson);
            while (m.find()) {
                niks.add(m.group(1));
            }
        }
        return niks;
    }

    /** Indexes a version's form (again: its rows are replaced), in the caller's transaction. */
    static void index(JdbcClient jdbc, StoredPayloads payloads, long ledgerId, String canonicalJson) {
        jdbc.sql("DELETE FROM ledger_subject WHERE ledger_id = :id").param("id", ledgerId).update();
        for (String nik : niks(canonicalJson)) {
            jdbc.sql("INSERT INTO ledger_subject (subject_hash, ledger_id) VALUES (:h, :id)")
                    .param("h", payloads.subjectHash(nik)).param("id", ledgerId).update();
        }
    }
}
