package id.simpul.delivery;

import id.simpul.support.ExternalServices;
import id.simpul.support.MigratingStore;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link StatusReportLeaseMigrationTest} on PostgreSQL: the upgrade of a production hub. */
@ExtendWith(ExternalServices.class)
class StatusReportLeaseMigrationIT extends StatusReportLeaseMigrationTest {

    @Override
    MigratingStore emptyStore() {
        return ExternalServices.connection().emptyStore("simpul_it_migration_v65");
    }
}
