package id.simpul.platform.audit;

import id.simpul.support.ExternalServices;
import id.simpul.support.MigratingStore;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link AuditHashAlgorithmMigrationTest} on PostgreSQL: the upgrade of a production hub. */
@ExtendWith(ExternalServices.class)
class AuditHashAlgorithmMigrationIT extends AuditHashAlgorithmMigrationTest {

    @Override
    MigratingStore emptyStore() {
        return ExternalServices.connection().emptyStore("simpul_it_migration_v67");
    }
}
