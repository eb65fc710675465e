package id.simpul.support;

import java.util.Map;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes every audit append fail while an action runs (the chain's head row is gone), then puts the head
 * back, so a shared test context keeps a working, intact audit chain afterwards.
 */
public final class AuditOutage {

    private AuditOutage() {
    }

    public static <T> T during(JdbcClient jdbc, Supplier<T> action) {
        Map<String, Object> head = jdbc.sql("SELECT id, last_id, last_hash FROM audit_chain_head").query().singleRow();
        jdbc.sql("DELETE FROM audit_chain_head").update();
        try {
            return action.get();
        } finally {
            jdbc.sql("INSERT INTO audit_chain_head (id, last_id, last_hash) VALUES (:id, :lastId, :hash)")
                    .param("id", head.get("id")).param("lastId", head.get("last_id"))
                    .param("hash", head.get("last_hash")).update();
        }
    }
}
