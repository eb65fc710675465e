package id.simpul.intake;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.platform.json.Json;
import id.simpul.support.Fixtures;
import id.simpul.support.HubTestSupport;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With an allowlist, a push from any other address is refused before its body is read. */
@TestPropertySource(properties = "simpul.oss.inbound.ip-allowlist=10.20.30.40")
class OssIpAllowlistTest extends HubTestSupport {

    @Test
    void aPushFromAnAddressOutsideTheAllowlistIsRefusedWith403InThePiaShape() {
        HttpResponse<String> response = ossSender.receiveNib(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"),
                "9120301234567");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(Json.tree(response.body()).path("responreceiveNIB").path("status").asText()).isEqualTo("2");
        assertThat(Json.tree(response.body()).path("responreceiveNIB").path("keterangan").asText())
                .contains("IP tidak diizinkan");
        assertThat(Json.tree(ossSender.get("/api/v1/trail?nib=9120301234567").body()).path("entries")).isEmpty();
    }
}
