package io.energylakehouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A command line that does not parse, told in one line a user can act on: the option as the user typed it, what it
 * expects and what it got ({@code --run-date must be a date like 2024-08-01, got '2024/08/01'}), never Java's type or
 * exception names.
 */
final class ArgumentErrors
{
    private ArgumentErrors() {}

    static String describe(CommandLine.ParameterException exception, String[] arguments)
    {
        if (exception instanceof CommandLine.UnmatchedArgumentException unmatched) {
            return unmatched(unmatched);
        }
        ArgSpec argument = exception.getArgSpec();
        String value = exception.getValue();
        if (argument == null || value == null) {
            return exception.getMessage();
        }
        String name = name(argument, value, arguments);
        Class<?> type = argument.isMultiValue() ? lastOf(argument.auxiliaryTypes(), argument.type()) : argument.type();
        if (type.isEnum()) {
            return String.format("%s must be one of %s, got '%s'", name,
                    Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", ")), value);
        }
        if (exception.getCause() instanceof CommandLine.TypeConversionException conversion) {
            return name + " " + conversion.getMessage();
        }
        if (argument.type() == java.util.Map.class || exception.getMessage().contains("KEY=VALUE format")) {
            return String.format("%s must be KEY=VALUE, got '%s'", name, value);
        }
        if (exception.getCause() != null) {
            return String.format("%s cannot take '%s'", name, value);
        }
        return exception.getMessage();
    }

    private static Class<?> lastOf(Class<?>[] types, Class<?> fallback)
    {
        return types.length == 0 ? fallback : types[types.length - 1];
    }

    private static String unmatched(CommandLine.UnmatchedArgumentException exception)
    {
        List<String> words = exception.getUnmatched();
        if (words.isEmpty()) {
            return exception.getMessage();
        }
        String first = words.get(0);
        List<String> suggestions = exception.getSuggestions();
        String hint = suggestions.isEmpty() ? "" : " (did you mean " + String.join(" or ", suggestions) + "?)";
        CommandLine line = exception.getCommandLine();
        if (first.startsWith("-")) {
            return "Unknown option '" + first + "'" + hint;
        }
        if (!line.getSubcommands().isEmpty() && line.getCommandSpec().positionalParameters().isEmpty()) {
            return "Unknown command '" + first + "'; the commands are " + String.join(", ", line.getSubcommands().keySet());
        }
        return "Unexpected argument '" + first + "'" + hint;
    }

    /** The option's name as the user typed it ({@code --run-date} rather than its alias {@code --start}), or a positional's label. */
    private static String name(ArgSpec argument, String value, String[] arguments)
    {
        if (argument instanceof PositionalParamSpec positional) {
            return positional.paramLabel();
        }
        OptionSpec option = (OptionSpec) argument;
        List<String> names = List.of(option.names());
        for (int i = 0; i < arguments.length; i++) {
            String typed = arguments[i];
            int equals = typed.indexOf('=');
            if (equals > 0 && names.contains(typed.substring(0, equals)) && typed.substring(equals + 1).equals(value)) {
                return typed.substring(0, equals);
            }
            if (names.contains(typed) && i + 1 < arguments.length && arguments[i + 1].contains(value)) {
                return typed;
            }
        }
        return option.longestName();
    }
}
