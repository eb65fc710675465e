package id.simpul.g2g.events;

import id.simpul.support.ExternalServices;
import id.simpul.support.MigratingStore;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link StoredAtMigrationTest} on PostgreSQL: the upgrade of a production hub. */
@ExtendWith(ExternalServices.class)
class StoredAtMigrationIT extends StoredAtMigrationTest {

    @Override
    MigratingStore emptyStore() {
        return ExternalServices.connection().emptyStore("simpul_it_migration_v68");
    }
}
