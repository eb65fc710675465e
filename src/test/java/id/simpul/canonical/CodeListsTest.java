package id.simpul.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CodeListsTest {

    private final CodeLists pia = CodeLists.pia();

    @Test
    void permitStatusCodesAreReadFromTheGuidesAppendix() {
        assertThat(pia.label(CodeLists.STATUS_IZIN, "50")).contains("Disetujui");
        assertThat(pia.label(CodeLists.STATUS_IZIN, "90")).contains("Ditolak");
        assertThat(pia.label(CodeLists.STATUS_IZIN, "5")).contains("Proses Penapisan");
        assertThat(pia.list(CodeLists.STATUS_IZIN).orElseThrow().entries()).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void companyTypesAndIdentityTypesAreAvailable() {
        assertThat(pia.label(CodeLists.JENIS_PERUSAHAAN, "01")).contains("Perusahaan Terbatas (PT)");
        assertThat(pia.label(CodeLists.JENIS_PERUSAHAAN, "28")).hasValueSatisfying(l -> l.contains("BUM Desa"));
        assertThat(pia.label(CodeLists.JENIS_IDENTITAS, "02")).contains("Paspor");
    }

    @Test
    void slaStopAndResumeComeFromTheStatusDescriptions() {
        assertThat(PermitStatus.of(null, "I-1", "41", null, null, null, "test").slaEffect())
                .isEqualTo(PermitStatus.SlaEffect.STOP);
        assertThat(PermitStatus.of(null, "I-1", "42", null, null, null, "test").slaEffect())
                .isEqualTo(PermitStatus.SlaEffect.RESUME);
        assertThat(PermitStatus.of(null, "I-1", "43", null, null, null, "test").slaEffect())
                .isEqualTo(PermitStatus.SlaEffect.STOP);
        assertThat(PermitStatus.of(null, "I-1", "50", null, null, null, "test").slaEffect())
                .isEqualTo(PermitStatus.SlaEffect.NONE);
        assertThat(PermitStatus.of(null, "I-1", "50", null, null, null, "test").statusName()).isEqualTo("Disetujui");
    }

    @Test
    void unknownCodesHaveNoLabel() {
        assertThat(pia.label(CodeLists.STATUS_IZIN, "77")).isEmpty();
        assertThat(pia.label(CodeLists.STATUS_IZIN, null)).isEmpty();
        assertThat(pia.list(99)).isEmpty();
    }
}
