package io.energylakehouse.cli;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code bin/lakehouse}: one launcher, a subcommand per job. */
@Command(name = "lakehouse",
        mixinStandardHelpOptions = true,
        version = "lakehouse 0.1.0",
        description = "Energy-market data lakehouse: land operator data, curate it into one schema, publish datasets.",
        footer = {"", "Start with: bin/lakehouse demo", "Every subcommand explains itself with --help."})
public final class LakehouseCli
        implements Runnable
{
    /**
     * The subcommands that never touch Spark, Iceberg or Hadoop. {@code bin/lakehouse} starts them on a small
     * classpath (the project's jars and a handful of libraries, no Spark), which picocli can only do when the
     * Spark commands are not registered: it reflects on every registered command's fields and methods.
     */
    static final java.util.List<Class<?>> SPARK_FREE_COMMANDS = java.util.List.of(ParseCommand.class, SamplesCommand.class, ConfigCommand.class, MarketsCommand.class);

    /** Every subcommand, in the order {@code --help} lists them. */
    static final java.util.List<Class<?>> COMMANDS = java.util.List.of(
            DemoCommand.class,
            IngestCommand.class,
            IngestSettlementsCommand.class,
            IngestSeriesCommand.class,
            CurateCommand.class,
            PublishCommand.class,
            CheckCommand.class,
            SamplesCommand.class,
            MaintainCommand.class,
            CurvesCommand.class,
            BacktestCommand.class,
            ParseCommand.class,
            SqlCommand.class,
            DownloadUrlCommand.class,
            AccessCommand.class,
            BenchCommand.class,
            ConfigCommand.class,
            MarketsCommand.class,
            CommandLine.HelpCommand.class);

    /** Set by {@code bin/lakehouse} when it started this JVM on the small classpath of the Spark-free commands. */
    static final String SPARK_FREE_PROPERTY = "lakehouse.spark-free";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Accepted before the subcommand as well as after it: {@link #inheritGlobalOptions} hands them to the subcommand. */
    @CommandLine.Mixin
    GlobalOptions global;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args)
    {
        System.exit(execute(args));
    }

    public static int execute(String... args)
    {
        return execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args)
    {
        CommandLine commandLine = commandLine(out, err);
        commandLine.setExecutionStrategy(parseResult -> executeOrSubmit(parseResult, args));
        return commandLine.execute(args);
    }

    /** The command tree with its converters and error handlers, as {@code bin/lakehouse} runs it. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err)
    {
        CommandLine commandLine = new CommandLine(new LakehouseCli());
        boolean sparkFree = Boolean.getBoolean(SPARK_FREE_PROPERTY);
        for (Class<?> command : COMMANDS) {
            if (!sparkFree || SPARK_FREE_COMMANDS.contains(command) || command == CommandLine.HelpCommand.class) {
                commandLine.addSubcommand(command);
            }
        }
        commandLine.setOut(out).setErr(err);
        // The help texts are written for 120 columns: at picocli's default of 80 it would break examples in the
        // middle of a command, and a copied example would not run.
        commandLine.setUsageHelpWidth(120);
        // Dates and numbers as a user types them, refused in words rather than with Java's type and exception names.
        commandLine.registerConverter(java.time.LocalDate.class, Dates::date);
        commandLine.registerConverter(Integer.class, value -> number(value, Integer::valueOf, "a whole number like 24"));
        commandLine.registerConverter(Integer.TYPE, value -> number(value, Integer::valueOf, "a whole number like 24"));
        commandLine.registerConverter(Long.class, value -> number(value, Long::valueOf, "a whole number like 24"));
        commandLine.registerConverter(Long.TYPE, value -> number(value, Long::valueOf, "a whole number like 24"));
        commandLine.registerConverter(Double.class, value -> number(value, Double::valueOf, "a number like 0.5"));
        commandLine.registerConverter(Double.TYPE, value -> number(value, Double::valueOf, "a number like 0.5"));
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            LakehouseException lakehouseException = find(exception);
            PrintWriter errors = line.getErr();
            // A service failure (ours wrapped or raw from Spark, Iceberg, S3A, the drivers) is told as
            // which service, what happened and what to do.
            if (lakehouseException == null || lakehouseException.errorCode() == ErrorCode.EXTERNAL_SERVICE) {
                java.util.Optional<LakehouseException> service = ServiceErrors.explain(line.getCommandName(), exception, configOf(line.getCommand()));
                if (service.isPresent()) {
                    lakehouseException = service.get();
                }
            }
            if (lakehouseException != null) {
                errors.println("error: " + lakehouseException.getMessage());
                errors.flush();
                return lakehouseException.errorCode().exitCode();
            }
            errors.println("error: internal: " + exception);
            exception.printStackTrace(errors);
            errors.flush();
            return ErrorCode.INTERNAL.exitCode();
        });
        commandLine.setParameterExceptionHandler((exception, arguments) -> {
            PrintWriter errors = exception.getCommandLine().getErr();
            errors.println("error: " + ArgumentErrors.describe(exception, arguments));
            errors.println("Try: bin/" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            errors.flush();
            return ErrorCode.USER_ERROR.exitCode();
        });
        return commandLine;
    }

    private static <T> T number(String value, java.util.function.Function<String, T> parser, String expected)
    {
        try {
            return parser.apply(value.trim());
        }
        catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("must be " + expected + ", got '" + value + "'");
        }
    }

    /**
     * {@code --profile}, {@code --config}, {@code --home} and {@code --set} may come before the subcommand (the
     * root's copy of {@link GlobalOptions}) or after it (the subcommand's own): the subcommand gets both. The same
     * option with two different values, or one given to a subcommand that reads no settings, is refused.
     */
    static void inheritGlobalOptions(CommandLine.ParseResult parseResult)
    {
        CommandLine.ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        if (last == parseResult || last.isUsageHelpRequested() || last.isVersionHelpRequested() || last.commandSpec().userObject() instanceof CommandLine.HelpCommand) {
            return;
        }
        GlobalOptions before = ((LakehouseCli) parseResult.commandSpec().userObject()).global;
        CommandLine line = last.commandSpec().commandLine();
        java.util.Optional<GlobalOptions> own = last.commandSpec().mixins().values().stream()
                .map(CommandLine.Model.CommandSpec::userObject)
                .filter(GlobalOptions.class::isInstance)
                .map(GlobalOptions.class::cast)
                .findFirst();
        if (own.isEmpty()) {
            if (!before.given().isEmpty()) {
                throw new CommandLine.ParameterException(line, String.format("Cannot use %s with '%s': it reads no lakehouse settings",
                        String.join(", ", before.given()), last.commandSpec().qualifiedName().replaceFirst("^lakehouse ", "")));
            }
            return;
        }
        try {
            own.get().inherit(before);
        }
        catch (LakehouseException e) {
            throw new CommandLine.ParameterException(line, e.getMessage());
        }
    }

    /** On the cluster profile a Spark job goes to spark-submit (once: the submitted driver runs it here). */
    private static int executeOrSubmit(CommandLine.ParseResult parseResult, String[] args)
    {
        CommandLine.ParseResult last = parseResult;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        inheritGlobalOptions(parseResult);
        Object command = last.commandSpec().userObject();
        if (command instanceof SparkJob job && !last.isUsageHelpRequested() && !SparkSubmitter.insideSubmittedDriver()) {
            try {
                io.energylakehouse.common.config.LakehouseConfig config = job.global().lakehouseConfig();
                if (config.profile() == io.energylakehouse.common.config.Profile.CLUSTER && job.needsSpark()) {
                    return SparkSubmitter.submit(config, last.commandSpec().name(), java.util.List.of(args));
                }
            }
            catch (LakehouseException e) {
                PrintWriter errors = last.commandSpec().commandLine().getErr();
                errors.println("error: " + e.getMessage());
                errors.flush();
                return e.errorCode().exitCode();
            }
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    private static io.energylakehouse.common.config.LakehouseConfig configOf(Object command)
    {
        if (!(command instanceof LakehouseCommand lakehouseCommand)) {
            return null;
        }
        try {
            return lakehouseCommand.global().lakehouseConfig();
        }
        catch (RuntimeException e) {
            return null;
        }
    }

    /** Spark wraps our exceptions; the cause chain holds the one with a category and a clear message. */
    static LakehouseException find(Throwable throwable)
    {
        for (Throwable cause = throwable; cause != null; cause = cause.getCause()) {
            if (cause instanceof LakehouseException lakehouseException) {
                return lakehouseException;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }
}
