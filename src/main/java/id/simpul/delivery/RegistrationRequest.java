package id.simpul.delivery;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A permit ready for a target: the body produced by the target's mapping and the idempotency key
 * derived from (id_izin, version), so a repeated push never registers the permit twice.
 */
public record RegistrationRequest(String idIzin, int version, String idempotencyKey, JsonNode body) {

    public static String keyOf(String idIzin, int version) {
        return "simpul:" + idIzin + ":v" + version;
    }
}
