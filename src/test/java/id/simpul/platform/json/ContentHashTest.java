package id.simpul.platform.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.simpul.support.Fixtures;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ContentHashTest {

    @Test
    void anObjectHashedFromItsMembersCanonicalTextsHashesLikeTheObject() {
        JsonNode push = Json.tree(Fixtures.text("oss/receiveNIB/perorangan-banyuasin.json"));
        TreeMap<String, String> members = new TreeMap<>();
        push.path("dataNIB").fields().forEachRemaining(f -> members.put(f.getKey(), ContentHash.canonical(f.getValue())));

        assertThat(ContentHash.ofMembers(members)).isEqualTo(ContentHash.of(push.path("dataNIB")));
    }

    @Test
    void emptyMembersAreLeftOutAsTheObjectsOwnHashLeavesThemOut() {
        JsonNode withEmpty = Json.tree("{\"a\":\"1\",\"b\":null,\"c\":\"  \"}");
        TreeMap<String, String> members = new TreeMap<>();
        withEmpty.fields().forEachRemaining(f -> members.put(f.getKey(), ContentHash.canonical(f.getValue())));

        assertThat(ContentHash.ofMembers(members)).isEqualTo(ContentHash.of(withEmpty))
                .isEqualTo(ContentHash.of(Json.tree("{\"a\":1}")));
    }
}
