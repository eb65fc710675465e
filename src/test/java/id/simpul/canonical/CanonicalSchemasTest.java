package id.simpul.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CanonicalSchemasTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void aStatusWithAnInvalidCodeAndAMissingIdIsRefusedNamingTheFields() throws Exception {
        ObjectNode status = (ObjectNode) mapper.readTree("""
                {"schema":"simpul.permit-status","schemaVersion":1,"kdStatus":"5X","slaEffect":"NONE"}""");
        assertThat(CanonicalSchemas.v1().validate("permit-status", status))
                .anySatisfy(e -> assertThat(e).contains("idIzin"))
                .anySatisfy(e -> assertThat(e).contains("kdStatus"));
    }

    @Test
    void aStatusBuiltFromTheCodeListIsValid() {
        PermitStatus status = PermitStatus.of("9120301234567", "I-1", "41", "menunggu dokumen", "Budi",
                "2026-11-29T08:00:00Z", "sicantik");
        assertThat(CanonicalSchemas.v1().validate("permit-status", mapper.valueToTree(status))).isEmpty();
    }

    @Test
    void schemasAreFoundWithOrWithoutTheVersionSuffix() {
        assertThat(CanonicalSchemas.v1().document("permit-message")).isPresent();
        assertThat(CanonicalSchemas.v1().document("permit-message.v1")).isPresent();
        assertThat(CanonicalSchemas.v1().document("nope")).isEmpty();
        assertThatThrownBy(() -> CanonicalSchemas.v1().validate("nope", mapper.createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
