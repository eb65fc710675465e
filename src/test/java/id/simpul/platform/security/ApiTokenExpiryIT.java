package id.simpul.platform.security;

import id.simpul.support.ExternalServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link ApiTokenExpiryTest} on PostgreSQL: the times are SQL on the database's clock. */
@ExtendWith(ExternalServices.class)
class ApiTokenExpiryIT extends ApiTokenExpiryTest {

    @Override
    DataSource store() {
        return ExternalServices.connection().migratedStore("simpul_it_api_token_expiry");
    }
}
