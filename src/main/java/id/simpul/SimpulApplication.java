package id.simpul;

import id.simpul.platform.CommonPoolSize;
import id.simpul.platform.cli.Commands;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Entry point. Without arguments (or with Spring options only) it starts the hub; with a command
 * name as the first argument it runs that offline command instead (see {@link Commands}), because
 * IT staff run backfills on the same jar without a running hub.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SimpulApplication {

    public static void main(String[] args) {
        CommonPoolSize.widen();
        if (Commands.isCommand(args)) {
            System.exit(Commands.run(args));
        }
        SpringApplication.run(SimpulApplication.class, args);
    }
}
