namespace DeepKeras.Engine;

/// <summary>
/// Keeps a field or property of a custom layer or model out of attribute tracking: the layer or metric it holds is not
/// a sublayer (its weights are not this layer's, it is not saved under this layer, <c>Dispose</c> leaves it alone).
/// </summary>
/// <remarks>
/// Use it for references to layers owned elsewhere, e.g. a back-reference to the parent or a layer shared with another
/// model that should stay that model's. Keras's counterpart is assigning the attribute while tracking is turned off.
/// </remarks>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property, Inherited = true)]
public sealed class NotTrackedAttribute : Attribute
{
}
