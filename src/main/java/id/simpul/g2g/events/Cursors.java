package id.simpul.g2g.events;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Named positions of the hub's own pollers ({@code g2g_cursor}). {@link #lock} is called inside the
 * poller's transaction and holds the row until it commits: two hub instances never run the same
 * poller at once, and the position moves together with what the poller wrote.
 */
@Component
public class Cursors {

    public static final String TRAIL = "trail";
    public static final String TOPIC = "topic";
    public static final String RECOMMENDATIONS = "recommendations";
    /** The applicant registry's history ({@code applicant_event}): merges and splits, {@link ApplicantEvents}. */
    public static final String APPLICANTS = "applicants";

    private final JdbcClient jdbc;

    public Cursors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long lock(String name) {
        return jdbc.sql("SELECT position FROM g2g_cursor WHERE name = :n FOR UPDATE").param("n", name)
                .query(Long.class).single();
    }

    public void move(String name, long position) {
        jdbc.sql("UPDATE g2g_cursor SET position = :p WHERE name = :n").param("p", position).param("n", name).update();
    }
}
