package id.simpul.delivery;

import id.simpul.support.ExternalServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ConcurrentBackofficeDeliveryTest} on PostgreSQL, the store several hub instances really share
 * in production: the delivery lease is one conditional UPDATE, and this is where row locks decide it.
 */
@ExtendWith(ExternalServices.class)
class ConcurrentBackofficeDeliveryIT extends ConcurrentBackofficeDeliveryTest {

    private static final String SCHEMA = "simpul_it_lease";

    @Override
    protected DataSource migratedStore() {
        return ExternalServices.connection().migratedStore(SCHEMA);
    }
}
