package id.simpul.delivery;

import id.simpul.platform.SimpulProperties.Target;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Offices whose system accepts no writes ({@code manual} flavour): the permit goes to the
 * manual-entry queue with everything a clerk needs, and the clerk confirms the local number
 * ({@code POST /api/v1/manual-entries/{id}/confirm}). Where the office's SiCantik publishes its
 * keluaran list, the back-sync reads it like SiCantik Cloud's (base URL and outputs id set).
 */
@Component
public class ManualOfficeAdapter implements TargetAdapter {

    private final SiCantikClient reader;

    public ManualOfficeAdapter(SiCantikClient reader) {
        this.reader = reader;
    }

    @Override
    public String flavour() {
        return "manual";
    }

    @Override
    public boolean acceptsWrites() {
        return false;
    }

    @Override
    public TargetReceipt register(Target target, RegistrationRequest request) {
        throw new UnsupportedOperationException("target " + target.id() + " accepts no writes (manual flavour)");
    }

    @Override
    public List<LocalStatus> outputs(Target target) {
        if (target.baseUrl() == null || target.baseUrl().isBlank() || target.backSync().outputsId() == null) {
            return List.of();
        }
        return reader.outputs(target);
    }
}
