package io.energylakehouse.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * Runs the project's own entry points (bin/lakehouse, deploy/stack.sh) as a user would, against the
 * integration stack's folder, with output captured to files so a running job can be watched.
 */
final class StackProcess
{
    static final Path PROJECT = Path.of(System.getProperty("lakehouse.project-dir", "..")).toAbsolutePath().normalize();
    static final Path STACK_DIR = Path.of(System.getProperty("lakehouse.it-stack-dir", PROJECT.resolve("cli/target/it-stack").toString()));

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final long startedNanos;
    private final String description;

    private StackProcess(Process process, Path stdout, Path stderr, String description)
    {
        this.process = requireNonNull(process, "process is null");
        this.stdout = stdout;
        this.stderr = stderr;
        this.description = description;
        this.startedNanos = System.nanoTime();
    }

    /** bin/lakehouse ARGS, without rebuilding (the build that runs this test made the jar). */
    static StackProcess lakehouse(Map<String, String> environment, String... args)
            throws IOException
    {
        List<String> command = new ArrayList<>();
        command.add(PROJECT.resolve("bin/lakehouse").toString());
        command.addAll(List.of(args));
        return start(command, environment);
    }

    static StackProcess stack(String... args)
            throws IOException
    {
        List<String> command = new ArrayList<>();
        command.add(PROJECT.resolve("deploy/stack.sh").toString());
        command.addAll(List.of(args));
        return start(command, Map.of());
    }

    private static StackProcess start(List<String> command, Map<String, String> environment)
            throws IOException
    {
        Path logs = STACK_DIR.resolve("it-logs");
        Files.createDirectories(logs);
        String name = command.get(0).replaceAll(".*/", "") + "-" + String.join("-", command.subList(1, Math.min(3, command.size()))).replaceAll("[^A-Za-z0-9-]", "")
                + "-" + System.nanoTime();
        Path stdout = logs.resolve(name + ".out");
        Path stderr = logs.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(PROJECT.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("LAKEHOUSE_STACK_DIR", STACK_DIR.toString());
        builder.environment().put("LAKEHOUSE_SKIP_BUILD", "1");
        builder.environment().put("LAKEHOUSE_HEAP", "3g");
        builder.environment().remove("LAKEHOUSE_PASSWORD");
        builder.environment().remove("LAKEHOUSE_USER");
        builder.environment().putAll(environment);
        return new StackProcess(builder.start(), stdout, stderr, String.join(" ", command));
    }

    Result await(Duration timeout)
            throws IOException, InterruptedException
    {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Timed out after " + timeout + ": " + description + "\n" + Files.readString(stderr));
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8), Files.readString(stderr, StandardCharsets.UTF_8),
                Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** Blocks until the process has written {@code text} to either stream, or fails after {@code timeout}. */
    void awaitOutput(String text, Duration timeout)
            throws IOException, InterruptedException
    {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(stdout).contains(text) || Files.readString(stderr).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("Process ended before writing '" + text + "': " + description + "\n" + Files.readString(stderr));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No '" + text + "' within " + timeout + ": " + description);
    }

    record Result(int exitCode, String stdout, String stderr, Duration elapsed)
    {
        /** The one-line "error: ..." the launcher prints, or null. */
        String errorLine()
        {
            return stderr.lines().filter(line -> line.startsWith("error: ")).findFirst().orElse(null);
        }

        Result requireSuccess(String what)
        {
            if (exitCode != 0) {
                throw new AssertionError(what + " failed with exit code " + exitCode + "\nstdout:\n" + tail(stdout) + "\nstderr:\n" + tail(stderr));
            }
            return this;
        }

        private static String tail(String text)
        {
            List<String> lines = text.lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        }
    }
}
