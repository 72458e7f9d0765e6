package io.energylakehouse.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The reasons real file operations fail with, in words rather than the path again. */
class TestFileErrors
{
    @TempDir
    Path folder;

    @Test
    void saysWhyAndNeverJustThePath()
            throws IOException
    {
        Path missing = folder.resolve("missing.csv");
        assertThat(FileErrors.reason(catchThrowableOfType(IOException.class, () -> Files.readString(missing)))).isEqualTo("no such file or folder");
        assertThat(FileErrors.reason(catchThrowableOfType(IOException.class, () -> Files.readString(folder)))).isEqualTo("is a directory");
        Path file = Files.writeString(folder.resolve("file.csv"), "a");
        assertThat(FileErrors.reason(catchThrowableOfType(IOException.class, () -> Files.createDirectory(file)))).isEqualTo("it already exists");
        assertThat(FileErrors.reason(catchThrowableOfType(IOException.class, () -> Files.writeString(file.resolve("below.csv"), "a")))).isEqualTo("not a directory");
        assertThat(FileErrors.reason(catchThrowableOfType(IOException.class, () -> Files.delete(folder)))).isEqualTo("the folder is not empty");
        Path latin1 = Files.write(folder.resolve("latin1.csv"), "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(FileErrors.reason(catchThrowableOfType(IOException.class, () -> Files.readString(latin1)))).isEqualTo("not UTF-8 text");
        // Root may read anything, so permission is shown with the exception a refused open throws.
        assertThat(FileErrors.reason(new AccessDeniedException(file.toString()))).isEqualTo("permission denied");
        assertThat(FileErrors.reason(new IOException())).isEqualTo("input/output error");
    }
}
