package id.simpul.intake;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The PIA token is valid for a whole day and binds only the NIB, not the body: a captured token
 * can be replayed with another body and still authenticate. We cannot reject that (OSS legitimately
 * re-sends a changed NIB on the same day), so we remember which body each token carried and flag a
 * token that comes back with a different one. In memory, bounded: a flag for people, not a gate.
 */
@Component
public class TokenReuseMonitor {

    private static final int CAPACITY = 100_000;

    private final Map<String, String> bodyHashByToken = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > CAPACITY;
        }
    };

    /** @return true when this token was seen before with a different body */
    public synchronized boolean reusedWithDifferentBody(String token, String bodyHash) {
        String key = token.strip().toLowerCase();
        String previous = bodyHashByToken.put(key, bodyHash);
        return previous != null && !previous.equals(bodyHash);
    }
}
