package id.simpul.g2g.events;

import id.simpul.support.ExternalServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link EventPublisherTest} on PostgreSQL, where a failed statement aborts its transaction. */
@ExtendWith(ExternalServices.class)
class EventPublisherIT extends EventPublisherTest {

    @Override
    DataSource store() {
        return ExternalServices.connection().migratedStore("simpul_it_event_publisher");
    }
}
