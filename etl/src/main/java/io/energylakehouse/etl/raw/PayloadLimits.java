package io.energylakehouse.etl.raw;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.DataSize;
import io.energylakehouse.common.config.Settings;

import java.util.List;

/**
 * How much of a payload the lakehouse reads, so that no file can exhaust the heap. A payload larger than
 * {@code max-payload-bytes} is kept in the raw store as received but not parsed: it is recorded in
 * {@code raw.fetch_log} as rejected and quarantined with the reason. A zip whose members expand to more than
 * {@code max-expanded-bytes} in all, or to more than {@code max-expansion-ratio} times the zip's own size (or
 * the part of it read so far; beyond the first MiB inflated), is rejected the same way; the bytes are counted while inflating, the sizes the zip's headers declare are not
 * trusted. A line longer than {@link PayloadLines#MAX_LINE_BYTES} rejects its payload too.
 *
 * <p>What a parser keeps of an accepted payload (its records) grows with the payload, about one to two times
 * its expanded size on the heap; the defaults fit the launcher's default heap of 6 GB.
 *
 * @param maxPayloadBytes largest payload parsed, as received (compressed, for a zip)
 * @param maxExpandedBytes largest total of a zip's members, inflated
 * @param maxExpansionRatio largest ratio of a zip's inflated members to the zip's size
 */
public record PayloadLimits(long maxPayloadBytes, long maxExpandedBytes, int maxExpansionRatio)
        implements java.io.Serializable
{
    public static final String MAX_PAYLOAD_BYTES = "etl.raw.max-payload-bytes";
    public static final String MAX_EXPANDED_BYTES = "etl.raw.max-expanded-bytes";
    public static final String MAX_EXPANSION_RATIO = "etl.raw.max-expansion-ratio";

    public static final List<String> KEYS = List.of(MAX_PAYLOAD_BYTES, MAX_EXPANDED_BYTES, MAX_EXPANSION_RATIO);

    public static final DataSize DEFAULT_MAX_PAYLOAD_BYTES = DataSize.ofMegabytes(512);
    public static final DataSize DEFAULT_MAX_EXPANDED_BYTES = DataSize.ofMegabytes(1024);
    public static final int DEFAULT_MAX_EXPANSION_RATIO = 200;

    public static final PayloadLimits DEFAULTS = new PayloadLimits(DEFAULT_MAX_PAYLOAD_BYTES.bytes(), DEFAULT_MAX_EXPANDED_BYTES.bytes(), DEFAULT_MAX_EXPANSION_RATIO);

    /** Inflated bytes below which the ratio is not checked. */
    public static final long RATIO_GRACE_BYTES = 1 << 20;

    private static final String PREFIX = "etl.raw.";

    public PayloadLimits
    {
        if (maxPayloadBytes < 1) {
            throw LakehouseException.userError("Cannot use %s %d: need at least 1 byte", MAX_PAYLOAD_BYTES, maxPayloadBytes);
        }
        if (maxExpandedBytes < 1) {
            throw LakehouseException.userError("Cannot use %s %d: need at least 1 byte", MAX_EXPANDED_BYTES, maxExpandedBytes);
        }
        if (maxExpansionRatio < 1) {
            throw LakehouseException.userError("Cannot use %s %d: need a ratio of at least 1", MAX_EXPANSION_RATIO, maxExpansionRatio);
        }
    }

    /** Reads the {@code etl.raw.*} keys, failing on any key under that prefix it does not know. */
    public static PayloadLimits from(Settings settings)
    {
        settings.checkKnown(PREFIX, KEYS);
        return new PayloadLimits(
                settings.dataSizeValue(MAX_PAYLOAD_BYTES, DEFAULT_MAX_PAYLOAD_BYTES).bytes(),
                settings.dataSizeValue(MAX_EXPANDED_BYTES, DEFAULT_MAX_EXPANDED_BYTES).bytes(),
                settings.intValue(MAX_EXPANSION_RATIO, DEFAULT_MAX_EXPANSION_RATIO));
    }

    /** Why a payload of {@code size} bytes is not parsed, or null when it may be. */
    public String tooLarge(long size)
    {
        if (size <= maxPayloadBytes) {
            return null;
        }
        return String.format("it is %s (%d bytes), larger than the limit of %s (%s)",
                DataSize.format(size), size, DataSize.format(maxPayloadBytes), MAX_PAYLOAD_BYTES);
    }

    /**
     * Whether a zip of {@code zipSize} bytes, of which {@code compressedRead} were read so far, may expand to
     * {@code inflated} bytes; returns why not, or null. The ratio is checked against the zip's whole size and
     * against what was read of it so far (a bomb is caught in its first megabytes), both only beyond
     * {@link #RATIO_GRACE_BYTES}, so that a small file of repetitive text is never refused for its ratio.
     */
    public String expansionProblem(long zipSize, long compressedRead, long inflated)
    {
        if (inflated > maxExpandedBytes) {
            return String.format("its members expand to more than %s (%s); a zip bomb or not an operator file", DataSize.format(maxExpandedBytes), MAX_EXPANDED_BYTES);
        }
        if (inflated > RATIO_GRACE_BYTES && (inflated / maxExpansionRatio > zipSize || inflated / maxExpansionRatio > compressedRead)) {
            return String.format("its members expand to more than %d times their compressed size (%s); a zip bomb or not an operator file",
                    maxExpansionRatio, MAX_EXPANSION_RATIO);
        }
        return null;
    }
}
