package id.simpul.platform.audit;

import id.simpul.support.ExternalServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link AuditChainKeyTest} on PostgreSQL, the store a separate DBA can write. */
@ExtendWith(ExternalServices.class)
class AuditChainKeyIT extends AuditChainKeyTest {

    @Override
    DataSource store() {
        return ExternalServices.connection().migratedStore("simpul_it_audit_key");
    }
}
