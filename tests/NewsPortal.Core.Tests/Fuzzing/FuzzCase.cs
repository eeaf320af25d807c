namespace NewsPortal.Core.Tests.Fuzzing;

/// <summary>
/// One fuzz input, as FsCheck draws it: which seed (or none: a generated input), how many mutations,
/// and the seed of the <see cref="Random"/> that makes them. Printed in a report, it rebuilds the
/// exact bytes through <see cref="FuzzInputs.Build"/>.
/// </summary>
public sealed record FuzzCase(int SeedIndex, int Mutations, int RandomSeed)
{
    /// <summary>A generated input rather than a mutated seed.</summary>
    public bool Generated => SeedIndex < 0;

    public override string ToString() => $"FuzzCase(SeedIndex: {SeedIndex}, Mutations: {Mutations}, RandomSeed: {RandomSeed})";
}

/// <summary>The bytes of one case, with the family they count under and what was done to them.</summary>
public sealed record FuzzInput(FuzzCase Case, string Family, string Name, byte[] Bytes, string Steps);

/// <summary>Turns cases into bytes over one set of seeds and payloads; no input is longer than <paramref name="maxBytes"/>.</summary>
public sealed class FuzzInputs(IReadOnlyList<FuzzSeed> seeds, IReadOnlyList<string> payloads, int maxBytes)
{
    public IReadOnlyList<FuzzSeed> Seeds => seeds;

    public FuzzInput Build(FuzzCase fuzzCase)
    {
        var random = new Random(fuzzCase.RandomSeed);
        if (fuzzCase.Generated)
        {
            var (family, generated) = InputGenerator.Generate(random);
            var context = new InputMutator.MutationContext(family, seeds, payloads);
            var (bytes, steps) = InputMutator.Mutate(generated, fuzzCase.Mutations, random, context);
            return new FuzzInput(fuzzCase, "generated " + family, "generated", Cap(bytes), steps);
        }
        var seed = seeds[fuzzCase.SeedIndex];
        var (mutated, done) = InputMutator.Mutate(seed.Bytes, fuzzCase.Mutations, random, new InputMutator.MutationContext(seed.Family, seeds, payloads));
        return new FuzzInput(fuzzCase, seed.Family, seed.Name, Cap(mutated), done);
    }

    // Mutations can grow an input to megabytes (a huge attribute, a line duplicated again and again):
    // the cap keeps a bounded run bounded.
    private byte[] Cap(byte[] bytes) => bytes.Length <= maxBytes ? bytes : bytes[..maxBytes];
}
