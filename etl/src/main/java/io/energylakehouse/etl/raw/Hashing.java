package io.energylakehouse.etl.raw;

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
