package id.simpul.applicant;

/** Who stands behind a link. */
public enum LinkStatus {
    /** The matcher inferred it from the evidence. */
    INFERRED,
    /** A person decided it; the matcher respects it. */
    ASSERTED,
    /** No longer valid (superseded by a decision, a merge or a split); kept as history. */
    RETRACTED
}
