package io.energylakehouse.etl.raw;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

public final class Hashing
{
    private Hashing() {}

    public static String sha256(byte[] bytes)
    {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String sha256(String text)
    {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The sha256 of a payload's bytes, read as a stream. */
    public static String sha256(PayloadContent content)
            throws IOException
    {
        MessageDigest digest = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream input = content.open()) {
            for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    public static MessageDigest digest()
    {
        try {
            return MessageDigest.getInstance("SHA-256");
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
