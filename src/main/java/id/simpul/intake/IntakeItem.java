package id.simpul.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;
import id.simpul.canonical.PermitMessage;

/**
 * One permit of an OSS push, recorded in the ledger and waiting to be converted.
 *
 * @param input  the mapping input: {@code dataNIB} (without the checklist), the routed
 *               {@code checklist} entry and {@code meta} (operation, receivedAt, contentHash, version)
 * @param mapped the canonical message an earlier attempt mapped before its conversion stopped (a replayed
 *               dead letter of the applicant or attach step): conversion goes on from there; otherwise null
 */
public record IntakeItem(long ledgerId, String operation, String piaVersion, ObjectNode input, PermitMessage mapped) {

    public IntakeItem(long ledgerId, String operation, String piaVersion, ObjectNode input) {
        this(ledgerId, operation, piaVersion, input, null);
    }
}
