namespace DeepKeras.Layers;

/// <summary>
/// Marks a <c>partial</c> layer class whose public constructors are generated at build time from those of
/// <paramref name="template"/> (same parameters, defaults and docs), passing <paramref name="rank"/> as the number of
/// spatial axes to the shared base: e.g. <c>Conv1DTranspose</c> and <c>Conv3DTranspose</c> from <c>Conv2DTranspose</c>.
/// The template's constructors must call their base with the rank as first argument.
/// </summary>
/// <param name="template">The layer class whose constructors are copied.</param>
/// <param name="rank">The number of spatial axes of the marked class.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class RankVariantAttribute(Type template, int rank) : Attribute
{
    /// <summary>Gets the layer class whose constructors are copied.</summary>
    public Type Template { get; } = template;

    /// <summary>Gets the number of spatial axes of the marked class.</summary>
    public int Rank { get; } = rank;
}
