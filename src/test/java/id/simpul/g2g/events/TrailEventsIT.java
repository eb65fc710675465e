package id.simpul.g2g.events;

import id.simpul.support.ExternalServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link TrailEventsTest} on PostgreSQL: the visibility delay is SQL on the database's clock. */
@ExtendWith(ExternalServices.class)
class TrailEventsIT extends TrailEventsTest {

    @Override
    DataSource store() {
        return ExternalServices.connection().migratedStore("simpul_it_trail_events");
    }
}
