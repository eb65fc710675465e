package id.simpul.delivery;

import id.simpul.support.ExternalServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ManualEntriesTest} on PostgreSQL, where a failed insert aborts the caller's transaction. */
@ExtendWith(ExternalServices.class)
class ManualEntriesIT extends ManualEntriesTest {

    @Override
    DataSource store() {
        return ExternalServices.connection().migratedStore("simpul_it_manual_entries");
    }
}
