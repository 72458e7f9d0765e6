package io.energylakehouse.common;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Why a file could not be read or written, in words, for messages like {@code "Cannot read %s: %s"}. The
 * exceptions of {@code java.nio.file} carry only the path as their message ({@code NoSuchFileException: x.csv}), so
 * {@code e.getMessage()} after the path says the path twice and never why.
 */
public final class FileErrors
{
    private FileErrors() {}

    public static String reason(IOException exception)
    {
        requireNonNull(exception, "exception is null");
        if (exception instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (exception instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (exception instanceof FileAlreadyExistsException) {
            return "it already exists";
        }
        if (exception instanceof DirectoryNotEmptyException) {
            return "the folder is not empty";
        }
        if (exception instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (exception instanceof FileSystemLoopException) {
            return "a loop of symbolic links";
        }
        if (exception instanceof CharacterCodingException) {
            return "not UTF-8 text";
        }
        if (exception instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            // The operating system's words: "Is a directory", "Not a directory", "No space left on device".
            return lowerFirst(fileSystem.getReason());
        }
        if (exception instanceof FileSystemException) {
            return "the file system refused access";
        }
        String message = exception.getMessage();
        if (message == null || message.isBlank()) {
            return "input/output error";
        }
        return lowerFirst(message);
    }

    private static String lowerFirst(String text)
    {
        if (text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))) {
            return text.substring(0, 1).toLowerCase(Locale.ROOT) + text.substring(1);
        }
        return text;
    }
}
