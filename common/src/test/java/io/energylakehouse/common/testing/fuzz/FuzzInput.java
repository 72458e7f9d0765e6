package io.energylakehouse.common.testing.fuzz;

import java.util.List;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/** One try of the fuzz suite: a sample of a target with mutations applied in order. Prints as a recipe to reproduce it. */
public record FuzzInput(FuzzTarget target, FuzzTarget.Sample sample, List<Mutation> mutations)
{
    public FuzzInput
    {
        requireNonNull(target, "target is null");
        requireNonNull(sample, "sample is null");
        mutations = List.copyOf(requireNonNull(mutations, "mutations is null"));
    }

    /** The sample's bytes after every mutation. */
    public byte[] bytes()
    {
        byte[] bytes = sample.bytes();
        for (Mutation mutation : mutations) {
            bytes = mutation.apply(bytes);
        }
        return bytes;
    }

    @Override
    public String toString()
    {
        return target.name() + " <- " + sample.name() + (mutations.isEmpty() ? "" : ": " + mutations.stream().map(Mutation::toString).collect(Collectors.joining("; ")));
    }
}
