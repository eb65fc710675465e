package id.simpul.platform.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Offline commands that run on the packaged jar without starting the hub
 * ({@code java -jar simpul.jar <command> [options]}). Each capability registers its commands here.
 */
public final class Commands {

    private static final Map<String, ToIntFunction<String[]>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("help", Commands::help);
    }

    private Commands() {
    }

    /** Registers a command; called from static initialisers listed in {@link #COMMANDS}. */
    public static void register(String name, ToIntFunction<String[]> command) {
        COMMANDS.put(name, command);
    }

    public static boolean isCommand(String[] args) {
        return args.length > 0 && !args[0].startsWith("-") && knownCommands().containsKey(args[0]);
    }

    public static int run(String[] args) {
        ToIntFunction<String[]> command = knownCommands().get(args[0]);
        return command.applyAsInt(Arrays.copyOfRange(args, 1, args.length));
    }

    private static Map<String, ToIntFunction<String[]>> knownCommands() {
        CommandCatalogue.registerAll();
        return COMMANDS;
    }

    private static int help(String[] args) {
        System.out.println("Usage: java -jar simpul.jar [command] [options]");
        System.out.println("Without a command the hub starts. Commands:");
        COMMANDS.keySet().forEach(name -> System.out.println("  " + name));
        return 0;
    }
}
