package id.simpul.g2g.events;

import id.simpul.support.ExternalServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link SubscriptionControllerTest} on PostgreSQL: the feed's rights in its SQL. */
@ExtendWith(ExternalServices.class)
class SubscriptionControllerIT extends SubscriptionControllerTest {

    @Override
    DataSource store() {
        return ExternalServices.connection().migratedStore("simpul_it_event_feed");
    }
}
