package io.energylakehouse.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code bin/lakehouse ...} command a user can copy, from each command's {@code --help} and from README.md,
 * parses against the real command definitions (parsed only, never run): a renamed option or a wrong example fails
 * here with the example's text.
 */
class TestCommandLineExamples
{
    private static final Path PROJECT = Path.of(System.getProperty("lakehouse.project-dir", "..")).toAbsolutePath().normalize();
    /** Words {@code bin/lakehouse} handles itself (deploy/stack.sh, deploy/airflow.sh) before it starts Java. */
    private static final Set<String> LAUNCHER_COMMANDS = Set.of("stack", "airflow");
    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Z_][A-Z0-9_]*=\\S*");
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\((bin/lakehouse [^)]*)\\)");
    /** Added by {@link #words} when a quote is still open at the end: the example was cut. */
    private static final String UNCLOSED_QUOTE = "\u0000unclosed quote";
    private static final Pattern OPTION = Pattern.compile("(?<![\\w-])(--?[a-zA-Z][\\w-]*)");

    @Test
    void everyExampleInTheHelpParses()
    {
        Map<String, String> examples = new LinkedHashMap<>();
        List<String> wrapped = new ArrayList<>();
        for (CommandLine command : commands(LakehouseCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))) {
            String where = "bin/" + command.getCommandSpec().qualifiedName() + " --help";
            // Each example is printed on its own lines as written, never wrapped in the middle of a command.
            List<String> printed = command.getUsageMessage().lines().toList();
            for (String line : command.getCommandSpec().usageMessage().footer()) {
                if (line.contains("bin/lakehouse") && !printed.contains(line.stripTrailing())) {
                    wrapped.add(where + ": " + line);
                }
            }
            for (String line : logicalLines(command.getUsageMessage().lines().toList())) {
                for (String example : examples(line)) {
                    examples.put(example, where);
                }
            }
        }
        // The commands that print examples, so that an extraction that finds nothing fails too.
        assertThat(examples.values()).contains("bin/lakehouse sql --help", "bin/lakehouse download-url --help", "bin/lakehouse backtest compare --help",
                "bin/lakehouse curves fit --help", "bin/lakehouse ingest --help", "bin/lakehouse demo --help");
        assertThat(examples.keySet()).contains("bin/lakehouse --profile stack sql --format csv \"SELECT * FROM published.hub_prices_daily\"",
                "bin/lakehouse --profile stack download-url hub_prices_daily");
        assertThat(wrapped).isEmpty();
        assertThat(failures(examples)).isEmpty();
    }

    @Test
    void everyCommandInTheReadmeParses()
            throws IOException
    {
        String readme = Files.readString(PROJECT.resolve("README.md"));
        Map<String, String> examples = new LinkedHashMap<>();
        Map<String, String> synopses = new LinkedHashMap<>();
        Matcher blocks = Pattern.compile("```[^\\n]*\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (blocks.find()) {
            for (String line : logicalLines(blocks.group(1).lines().toList(), true)) {
                if (isSynopsis(line)) {
                    synopses.put(line.strip(), "README.md");
                    continue;
                }
                examples(line).forEach(example -> examples.put(example, "README.md code block"));
            }
        }
        Matcher spans = Pattern.compile("`(bin/lakehouse [^`]+)`").matcher(blocks.replaceAll(""));
        while (spans.find()) {
            if (!isSynopsis(spans.group(1))) {
                examples(spans.group(1)).forEach(example -> examples.put(example, "README.md text"));
            }
        }
        assertThat(examples).containsKeys("bin/lakehouse ingest-settlements --files eex_20240603.csv pjm_20240603.csv",
                "bin/lakehouse sql --profile stack --user alice \"SELECT market, count(*) FROM curated.market_prices GROUP BY 1\"");
        assertThat(failures(examples)).isEmpty();

        // The synopsis of the launcher's commands names only options that exist.
        assertThat(synopses).isNotEmpty();
        List<String> unknown = new ArrayList<>();
        for (String synopsis : synopses.keySet()) {
            List<String> words = words(synopsis);
            if (words.size() < 2 || LAUNCHER_COMMANDS.contains(words.get(1))) {
                continue;
            }
            CommandLine command = LakehouseCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
            for (String word : words.subList(1, words.size())) {
                if (!command.getSubcommands().containsKey(word)) {
                    break;
                }
                command = command.getSubcommands().get(word);
            }
            Matcher options = OPTION.matcher(synopsis);
            while (options.find()) {
                String option = options.group(1);
                if (command.getCommandSpec().findOption(option) == null) {
                    unknown.add(synopsis + "  -> bin/" + command.getCommandSpec().qualifiedName() + " has no option " + option);
                }
            }
        }
        assertThat(unknown).isEmpty();
    }

    @Test
    void theLauncherHandlesItsOwnCommands()
            throws IOException
    {
        String launcher = Files.readString(PROJECT.resolve("bin/lakehouse"));
        for (String command : LAUNCHER_COMMANDS) {
            assertThat(launcher).contains("\"${1:-}\" == " + command + " ]]");
        }
    }

    /** The examples' texts that do not parse, each with where it was printed and picocli's complaint. */
    private static List<String> failures(Map<String, String> examples)
    {
        List<String> failures = new ArrayList<>();
        examples.forEach((example, where) -> {
            List<String> words = words(example);
            List<String> arguments = words.subList(1, words.size());
            if (!arguments.isEmpty() && LAUNCHER_COMMANDS.contains(arguments.get(0))) {
                return;
            }
            if (words.contains(UNCLOSED_QUOTE)) {
                failures.add(example + "   (from " + where + "): a quote is not closed");
                return;
            }
            try {
                CommandLine commandLine = LakehouseCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
                LakehouseCli.inheritGlobalOptions(commandLine.parseArgs(arguments.toArray(String[]::new)));
            }
            catch (CommandLine.ParameterException e) {
                failures.add(example + "   (from " + where + "): " + ArgumentErrors.describe(e, arguments.toArray(String[]::new)));
            }
        });
        return failures;
    }

    private static List<CommandLine> commands(CommandLine root)
    {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        for (CommandLine subcommand : root.getSubcommands().values()) {
            all.addAll(commands(subcommand));
        }
        return all;
    }

    /** Lines ending in a backslash continue on the next one. */
    private static List<String> logicalLines(List<String> lines)
    {
        return logicalLines(lines, false);
    }

    /**
     * Lines ending in a backslash continue on the next one; with {@code shell}, so do lines that leave a quote open
     * (a query over several lines), as in a shell. Help texts are not shell: an apostrophe there is prose.
     */
    private static List<String> logicalLines(List<String> lines, boolean shell)
    {
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            if (shell && words(withoutComment(current.toString())).contains(UNCLOSED_QUOTE)) {
                current.append('\n');
                continue;
            }
            logical.add(current.toString());
            current.setLength(0);
        }
        if (!current.isEmpty()) {
            logical.add(current.toString());
        }
        return logical;
    }

    /**
     * The {@code bin/lakehouse} commands of a line: the line itself when it starts with one (after environment
     * assignments such as {@code LAKEHOUSE_PASSWORD=...}), each command of a {@code &&} list, each {@code $(...)}.
     */
    private static List<String> examples(String line)
    {
        List<String> examples = new ArrayList<>();
        Matcher substitutions = SUBSTITUTION.matcher(line);
        while (substitutions.find()) {
            examples.add(withoutComment(substitutions.group(1).split("\\|")[0]));
        }
        for (String command : withoutComment(line).split("&&|;")) {
            String text = command.strip();
            while (true) {
                Matcher assignment = ASSIGNMENT.matcher(text);
                if (!assignment.lookingAt()) {
                    break;
                }
                text = text.substring(assignment.end()).strip();
            }
            if (text.startsWith("bin/lakehouse ") || text.equals("bin/lakehouse")) {
                examples.add(text);
            }
        }
        return examples;
    }

    /** Drops a trailing {@code # comment} or a trailing {@code (note)} set off by two spaces. */
    private static String withoutComment(String line)
    {
        String text = line.replaceFirst("\\s+#\\s.*$", "");
        text = text.replaceFirst("\\s{2,}\\(.*\\)$", "");
        return text.strip();
    }

    /** A usage summary such as {@code bin/lakehouse demo [--nodes N] [--input FILES...]}, not a command to run. */
    private static boolean isSynopsis(String line)
    {
        String unquoted = line.replaceAll("\"[^\"]*\"|'[^']*'", "");
        return unquoted.contains("bin/lakehouse") && (unquoted.contains("[") || unquoted.contains("|") && !unquoted.contains("$(") || unquoted.contains("..."));
    }

    /** Shell words: blanks separate, single and double quotes group, a backslash escapes in double quotes. */
    static List<String> words(String command)
    {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                else if (c == '\\' && quote == '"' && i + 1 < command.length()) {
                    word.append(command.charAt(++i));
                }
                else {
                    word.append(c);
                }
            }
            else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            }
            else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            }
            else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        if (quote != 0) {
            words.add(UNCLOSED_QUOTE);
        }
        return words;
    }
}
