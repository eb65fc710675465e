package id.simpul.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.simpul.support.Fixtures;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * UU PDP at rest: whoever copies the store file, or reads the database directly, finds no applicant's NIK,
 * phone or e-mail in clear in any column of any table, after permits went through every path that stores
 * them (delivered, dead-lettered, queued for a clerk, announced to G2G).
 */
class PersonalDataAtRestTest extends AllFlavoursTestSupport {

    /** The fixture's applicant. */
    private static final String NIK = "1607111204780003";
    private static final List<String> PHONE = List.of("0812-7788-9900", "081277889900", "81277889900");
    private static final String EMAIL = "m.yusuf.usaha@gmail.com";


    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void restoreStubs() {
        sicantik.resetStubs();
    }

    @Test
    void noTextColumnOfAnyTableHoldsTheApplicantsNikPhoneOrEmailInClear() {
        push(permitIn("1607112003", "9120301270001", "I-202611210915270001"), "9120301270001");
        push(permitIn("1602052001", "9120301270002", "I-202611210915270002"), "9120301270002");
        sicantik.wireMock().stubFor(post(urlPathEqualTo("/api/v1/permohonan")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.nib", equalTo("9120301270003")))
                .willReturn(aResponse().withStatus(422)
                        .withBody(Fixtures.text("delivery/target-refusal-with-personal-data.json"))));
        push(permitIn("1607112003", "9120301270003", "I-202611210915270003"), "9120301270003");

        awaitState("9120301270001", "DELIVERED");
        awaitState("9120301270002", "MANUAL_ENTRY");
        awaitState("9120301270003", "DEAD_LETTERED");
        await().atMost(Duration.ofSeconds(20)).until(() -> count("g2g_event") > 0 && count("manual_entry") > 0
                && count("dead_letter") > 0);

        List<Map<String, Object>> columns = textColumns();
        assertThat(columns).as("the scan sees the stored payloads").anyMatch(c -> "sync_ledger.canonical"
                .equalsIgnoreCase(c.get("TABLE_NAME") + "." + c.get("COLUMN_NAME")));
        List<String> leaks = new ArrayList<>();
        for (Map<String, Object> column : columns) {
            String table = (String) column.get("TABLE_NAME");
            String name = (String) column.get("COLUMN_NAME");
            for (String value : jdbc.sql("SELECT " + name + " FROM " + table + " WHERE " + name + " IS NOT NULL")
                    .query(String.class).list()) {
                if (value.contains(NIK) || value.contains(EMAIL) || PHONE.stream().anyMatch(value::contains)) {
                    leaks.add(table + "." + name);
                    break;
                }
            }
        }
        assertThat(leaks).as("columns holding the NIK, phone or e-mail in clear").isEmpty();
    }

    private long count(String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    private List<Map<String, Object>> textColumns() {
        return jdbc.sql("""
                SELECT TABLE_NAME, COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS
                 WHERE UPPER(TABLE_SCHEMA) = 'PUBLIC'
                   AND (UPPER(DATA_TYPE) LIKE '%CHAR%' OR UPPER(DATA_TYPE) LIKE '%CLOB%'
                        OR UPPER(DATA_TYPE) LIKE '%LARGE OBJECT%' OR UPPER(DATA_TYPE) = 'TEXT')
                 ORDER BY TABLE_NAME, COLUMN_NAME""").query().listOfRows();
    }
}
