package id.simpul.delivery;

import id.simpul.support.ExternalServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link StatusReportsTest} on PostgreSQL, where a failed insert aborts the caller's transaction. */
@ExtendWith(ExternalServices.class)
class StatusReportsIT extends StatusReportsTest {

    @Override
    DataSource store() {
        return ExternalServices.connection().migratedStore("simpul_it_status_reports");
    }
}
