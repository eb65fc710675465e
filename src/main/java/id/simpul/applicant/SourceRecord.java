package id.simpul.applicant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One applicant as one source system wrote it, raw. {@code sourceRef} names the record in its source
 * and is stable across re-sends (see {@link ApplicantMapping} for OSS).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SourceRecord(
        String sourceRef,
        String type,
        String name,
        String nik,
        String npwp,
        String nib,
        String birthDate,
        String birthPlace,
        String gender,
        Address address,
        String phone,
        String email) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Address(String line, String village, String district, String regency, String province,
                          String regionCode, String postalCode) {
    }

    public ApplicantType applicantType() {
        return ApplicantType.parse(type);
    }
}
