package io.energylakehouse.etl.publish;

/** One downloadable file of a published dataset, as listed in its manifest. */
public record PublishedFile(String path, String format, long rows, long bytes, String sha256) {}
