package io.energylakehouse.common.access;

import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * Password hashes in the PBKDF2 form Trino's password-file authenticator reads: {@code user:iterations:salt:hash},
 * salt and hash in hex, PBKDF2 with HMAC-SHA1 and a key as long as the hash. The same file lets
 * {@code download-url} check a user's password without a second user store.
 */
public final class PasswordHashes
{
    public static final int ITERATIONS = 10_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHashes() {}

    public static String hash(String password)
    {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return ITERATIONS + ":" + HexFormat.of().formatHex(salt) + ":" + HexFormat.of().formatHex(pbkdf2(password, salt, ITERATIONS, 32));
    }

    public static boolean matches(String password, String hashed)
    {
        String[] parts = hashed.split(":");
        if (parts.length != 3) {
            return false;
        }
        byte[] salt = HexFormat.of().parseHex(parts[1]);
        byte[] expected = HexFormat.of().parseHex(parts[2]);
        return MessageDigest.isEqual(expected, pbkdf2(password, salt, Integer.parseInt(parts[0]), expected.length));
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations, int bytes)
    {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bytes * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA1 is not available in this JDK", e);
        }
    }

    /** Reads a password file: {@code user:hash} per line. */
    public static Map<String, String> read(Path file)
    {
        Map<String, String> hashes = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    hashes.put(line.substring(0, colon), line.substring(colon + 1));
                }
            }
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot read password file %s: %s", file, FileErrors.reason(e));
        }
        return hashes;
    }

    /** Throws when the user is unknown or the password does not match; the message never says which. */
    public static void authenticate(Path passwordDb, String user, String password)
    {
        String hashed = read(passwordDb).get(user);
        if (hashed == null || password == null || !matches(password, hashed)) {
            throw LakehouseException.userError("Cannot authenticate user '%s': unknown user or wrong password (checked against %s)", user, passwordDb);
        }
    }
}
