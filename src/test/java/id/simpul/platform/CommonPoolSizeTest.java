package id.simpul.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommonPoolSizeTest {

    @Test
    void onTwoCoresAsyncStepsRunInThePoolInsteadOfANewThreadEach() throws Exception {
        assertThat(defaultExecutorOnTwoCores(true)).isEqualTo("ForkJoinPool parallelism 2");
    }

    @Test
    void withoutItTheJdkStartsAThreadPerAsyncStepOnTwoCores() throws Exception {
        // What the hub ran into: the reason for the class, and the proof that the first test can fail.
        assertThat(defaultExecutorOnTwoCores(false)).isEqualTo("ThreadPerTaskExecutor parallelism 1");
    }

    @Test
    void aParallelismTheOperatorSetIsKept() throws Exception {
        assertThat(defaultExecutorOnTwoCores(true, "-D" + CommonPoolSize.PARALLELISM + "=1"))
                .isEqualTo("ThreadPerTaskExecutor parallelism 1");
    }

    /** A JVM that sees two cores, as the project's machine has, and reports CompletableFuture's default executor. */
    private static String defaultExecutorOnTwoCores(boolean widen, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=2"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Report.class.getName(), String.valueOf(widen)));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(child.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        return out;
    }

    public static final class Report {
        public static void main(String[] args) {
            if (Boolean.parseBoolean(args[0])) {
                CommonPoolSize.widen();
            }
            System.out.println(new CompletableFuture<Void>().defaultExecutor().getClass().getSimpleName()
                    + " parallelism " + ForkJoinPool.getCommonPoolParallelism());
        }
    }
}
