package id.simpul.applicant;

import java.time.Instant;
import java.util.List;

/**
 * Source records left a master for a new one: {@code sourceRefs} belong to {@code newId} from {@code at} on.
 * {@code originalId} stays what it was, and so does every id retired into it by a merge: an id names a master,
 * and the master kept the rest of its records. Downstream systems that filed things under the original id by
 * source record (a permit's applicant) move those of the moved records to the new master.
 * <p>
 * A split is always a person's decision (the registry never splits on its own), so there is no cause to carry;
 * who decided stays in the applicant's history and the audit log.
 */
public record SplitEvent(String originalId, String newId, List<String> sourceRefs, Instant at) {

    public SplitEvent {
        sourceRefs = List.copyOf(sourceRefs);
    }
}
