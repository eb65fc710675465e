package id.simpul.applicant;

/** What a link says about a source record and a master applicant. */
public enum LinkKind {
    /** The record is this applicant. Each record has exactly one current SAME link. */
    SAME,
    /** Perhaps the same: waits in the review queue. */
    MAYBE,
    /** Not this applicant: matching never links the record to it again. */
    DIFFERENT
}
