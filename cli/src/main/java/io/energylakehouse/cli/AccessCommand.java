package io.energylakehouse.cli;

import io.energylakehouse.common.access.Entitlements;
import io.energylakehouse.common.access.TrinoAccessFiles;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.publish.PublishedTables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

@Command(name = "access",
        mixinStandardHelpOptions = true,
        description = "Per-market entitlements (conf/entitlements.properties): who may read which market's data.",
        subcommands = {AccessCommand.RenderTrino.class, AccessCommand.Show.class})
final class AccessCommand
        implements Runnable
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Every table with a {@code market} column; Trino filters their rows per group. */
    static List<String> marketTables()
    {
        return Stream.concat(CanonicalTables.all().stream(), PublishedTables.all().stream())
                .filter(table -> table.columnNames().contains("market"))
                .map(TableSpec::identifier)
                .toList();
    }

    @Command(name = "render-trino", mixinStandardHelpOptions = true,
            description = "Writes Trino's group.txt, password.db and rules.json from the entitlements (stack up runs this; Trino re-reads them within 5 s).")
    static final class RenderTrino
            implements Callable<Integer>
    {
        @Option(names = "--entitlements", required = true, paramLabel = "FILE")
        Path entitlements;

        @Option(names = "--passwords", required = true, paramLabel = "FILE", description = "Plain-text passwords per user; missing ones are generated")
        Path passwords;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Trino's etc folder")
        Path out;

        @Option(names = "--catalog", defaultValue = "lakehouse", paramLabel = "NAME")
        String catalog;

        @Override
        public Integer call()
        {
            SortedSet<String> users = new TrinoAccessFiles(Entitlements.load(entitlements), marketTables(), catalog).render(out, passwords);
            System.out.printf("Rendered Trino access files in %s for %d users: %s%n", out, users.size(), String.join(", ", users));
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Prints each user's groups and markets.")
    static final class Show
            implements Callable<Integer>
    {
        @Option(names = "--entitlements", paramLabel = "FILE", description = "Default: conf/entitlements.properties")
        Path entitlements;

        @Override
        public Integer call()
        {
            Path file = entitlements != null ? entitlements
                    : Path.of(System.getProperty("lakehouse.project-dir", ".")).resolve("conf/entitlements.properties");
            Entitlements loaded = Entitlements.load(file);
            for (String user : loaded.users()) {
                System.out.printf("%-12s groups %-28s markets %s%n", user, loaded.groupsOf(user),
                        loaded.marketsOf(user).map(Object::toString).orElse("all"));
            }
            return 0;
        }
    }
}
