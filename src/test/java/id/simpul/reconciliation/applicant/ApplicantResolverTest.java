package id.simpul.reconciliation.applicant;

import static org.assertj.core.api.Assertions.assertThat;

import id.simpul.applicant.ApplicantMapping;
import id.simpul.applicant.RegistryFixture;
import id.simpul.canonical.PermitMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApplicantResolverTest {

    private RegistryFixture fx;
    private ApplicantResolver resolver;

    @BeforeEach
    void resolver() {
        fx = new RegistryFixture();
        resolver = new ApplicantResolver(fx.registry, new ApplicantMapping(RegistryFixture.PII::hmac));
    }

    private static PermitMessage canonical(String nib, String name, String nik) {
        PermitMessage.Applicant applicant = new PermitMessage.Applicant("PERSON", name, "01", nik, null, nib,
                "1990-05-15", "Palembang", "L", null, "081234567890", null);
        PermitMessage.Source source = new PermitMessage.Source("OSS", "receiveNIB", "push", nib, "I-" + nib, "O-1", "4.3.22",
                "2026-11-29T08:00:00Z", "hash", 1, null);
        return new PermitMessage(PermitMessage.SCHEMA, 1, source, null, applicant, null, null, null, false);
    }

    @Test
    void canonicalMessageComesBackWithItsMasterApplicantId() {
        PermitMessage message = resolver.resolve(canonical("9120001234567", "Budi Santoso", "1671011505900003"));

        assertThat(message.applicantId()).startsWith("APL-");
        assertThat(message.applicant().name()).isEqualTo("Budi Santoso");
        assertThat(fx.registry.resolveId(message.applicantId())).contains(message.applicantId());
    }

    @Test
    void sameApplicantOnAnotherNibGetsTheSameApplicantId() {
        String first = resolver.resolve(canonical("9120001234567", "Budi Santoso", "1671011505900003")).applicantId();
        String second = resolver.resolve(canonical("9120007654321", "H. BUDI SANTOSO, S.E.", "1671011505900003"))
                .applicantId();

        assertThat(second).isEqualTo(first);
        assertThat(fx.registry.stats().records()).isEqualTo(2);
    }

    @Test
    void messageWithoutApplicantIsPassedOnUnchanged() {
        PermitMessage message = new PermitMessage(PermitMessage.SCHEMA, 1, null, null, null, null, null, null, false);

        assertThat(resolver.resolve(message)).isSameAs(message);
    }
}
