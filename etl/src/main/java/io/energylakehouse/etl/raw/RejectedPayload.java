package io.energylakehouse.etl.raw;

import static java.util.Objects.requireNonNull;

/**
 * A payload of this landing's input that was rejected whole (not what it claims to be), whether it was new
 * or landed before: its bytes are in the raw store at {@code payloadPath} and its reason in
 * {@code curated.quarantine} under {@code fetchId}.
 */
public record RejectedPayload(String fileName, String fetchId, String payloadPath, String reason)
{
    public RejectedPayload
    {
        requireNonNull(fileName, "fileName is null");
        requireNonNull(fetchId, "fetchId is null");
        requireNonNull(payloadPath, "payloadPath is null");
        requireNonNull(reason, "reason is null");
    }

    public String describe()
    {
        return fileName + ": " + reason + " (fetch_id " + fetchId + ", bytes kept at " + payloadPath + ")";
    }
}
