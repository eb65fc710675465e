package id.simpul.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.canonical.PermitMessage;
import org.junit.jupiter.api.Test;

class ApplicantMappingTest {

    private final ApplicantMapping mapping = new ApplicantMapping(RegistryFixture.PII::hmac);

    private static PermitMessage message(String identityType, String identityNumber, String name) {
        PermitMessage.Address address = new PermitMessage.Address("Jl. Merdeka 12", "001/002", "Sukamaju", null, null,
                null, "1607042001", null);
        PermitMessage.Applicant applicant = new PermitMessage.Applicant("PERSON", name, identityType, identityNumber,
                "012345678901000", "9120001234567", "1990-05-15", "Palembang", "L", address, "081234567890", null);
        PermitMessage.Source source = new PermitMessage.Source("OSS", "receiveNIB", "push", "9120001234567", "I-1", "O-1",
                "4.3.22", "2026-11-29T08:00:00Z", "h", 1, null);
        return new PermitMessage(PermitMessage.SCHEMA, 1, source, null, applicant, null, null, null, false);
    }

    @Test
    void sourceRefIsStablePerNibAndPersonWithoutTheNikInClear() {
        SourceRecord a = mapping.fromPermitMessage(message("01", "1671011505900003", "Budi"));
        SourceRecord again = mapping.fromPermitMessage(message("01", "1671011505900003", "BUDI"));
        SourceRecord other = mapping.fromPermitMessage(message("01", "1671011505900004", "Budi"));

        assertThat(a.sourceRef()).startsWith("oss:9120001234567:P:").doesNotContain("1671011505900003");
        assertThat(again.sourceRef()).isEqualTo(a.sourceRef());
        assertThat(other.sourceRef()).isNotEqualTo(a.sourceRef());
    }

    @Test
    void ktpNumberIsTheNikAndRtRwJoinsTheAddressLine() {
        SourceRecord r = mapping.fromPermitMessage(message("01", "1671011505900003", "Budi"));

        assertThat(r.nik()).isEqualTo("1671011505900003");
        assertThat(r.address().line()).isEqualTo("Jl. Merdeka 12 RT/RW 001/002");
        assertThat(r.gender()).isEqualTo("L");
    }

    @Test
    void passportNumberIsNotReadAsANik() {
        assertThat(mapping.fromPermitMessage(message("02", "C1234567", "John Smith")).nik()).isNull();
    }

    @Test
    void messageWithoutApplicantNameGivesNoRecord() {
        assertThat(mapping.fromPermitMessage(message("01", "1671011505900003", " "))).isNull();
    }
}
