package id.simpul.platform.ledger;

import id.simpul.support.ExternalServices;
import id.simpul.support.MigratingStore;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link LedgerLeaseMigrationTest} on PostgreSQL: the upgrade of a production hub. */
@ExtendWith(ExternalServices.class)
class LedgerLeaseMigrationIT extends LedgerLeaseMigrationTest {

    @Override
    MigratingStore emptyStore() {
        return ExternalServices.connection().emptyStore("simpul_it_migration_v54");
    }
}
