package id.simpul.intake;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One permit of an OSS push, recorded in the ledger and waiting to be converted.
 *
 * @param input the mapping input: {@code dataNIB} (without the checklist), the routed
 *              {@code checklist} entry and {@code meta} (operation, receivedAt, contentHash, version)
 */
public record IntakeItem(long ledgerId, String operation, String piaVersion, ObjectNode input) {
}
