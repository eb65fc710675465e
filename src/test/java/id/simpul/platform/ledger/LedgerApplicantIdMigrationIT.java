package id.simpul.platform.ledger;

import id.simpul.support.ExternalServices;
import id.simpul.support.MigratingStore;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link LedgerApplicantIdMigrationTest} on PostgreSQL, whose REGEXP_SUBSTR is not Java's (H2's). */
@ExtendWith(ExternalServices.class)
class LedgerApplicantIdMigrationIT extends LedgerApplicantIdMigrationTest {

    @Override
    MigratingStore emptyStore() {
        return ExternalServices.connection().emptyStore("simpul_it_migration_v58");
    }
}
