package id.simpul.g2g.events;

import id.simpul.support.ExternalServices;
import id.simpul.support.MigratingStore;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link G2gCursorsMigrationTest} on PostgreSQL: the upgrade of a production hub. */
@ExtendWith(ExternalServices.class)
class G2gCursorsMigrationIT extends G2gCursorsMigrationTest {

    @Override
    MigratingStore emptyStore() {
        return ExternalServices.connection().emptyStore("simpul_it_migration_v51");
    }
}
