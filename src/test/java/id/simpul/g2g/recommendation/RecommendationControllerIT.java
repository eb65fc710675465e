package id.simpul.g2g.recommendation;

import id.simpul.support.ExternalServices;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link RecommendationControllerTest} on PostgreSQL: the region condition in its SQL. */
@ExtendWith(ExternalServices.class)
class RecommendationControllerIT extends RecommendationControllerTest {

    @Override
    DataSource store() {
        return ExternalServices.connection().migratedStore("simpul_it_recommendation_list");
    }
}
