package id.simpul.platform.backup;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/backups} makes an encrypted backup of the embedded store now (admin);
 * {@code GET /api/v1/backups} lists the backups kept (admin, auditor). A PostgreSQL store answers 409.
 */
@RestController
@RequestMapping("/api/v1/backups")
public class BackupController {

    private final StoreBackups backups;

    public BackupController(StoreBackups backups) {
        this.backups = backups;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public StoreBackups.Backup create(Authentication auth) {
        return backups.create(auth.getName());
    }

    @GetMapping
    public List<StoreBackups.Backup> list() {
        return backups.list();
    }
}
