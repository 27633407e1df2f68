using DeepKeras.Layers;

namespace DeepKeras.Engine;

/// <summary>
/// Keras's name scopes for variable paths: while a layer builds or calls (and so builds its sublayers), its name is on a
/// per-thread stack, and a weight created meanwhile gets the path of the layers it is nested in —
/// <c>mlp_block/linear/w</c> for a sublayer built in its parent's call, <c>sequential/dense/kernel</c> in a Sequential,
/// plain <c>dense/kernel</c> for a layer of a functional model (called symbolically, outside any other layer).
/// </summary>
internal static class LayerPath
{
    [ThreadStatic]
    private static List<Layer>? _stack;

    /// <summary>Puts <paramref name="layer"/> on the stack until disposed (nothing when it is already on top).</summary>
    public static Scope Enter(Layer layer)
    {
        var stack = _stack ??= [];
        if (stack.Count > 0 && ReferenceEquals(stack[^1], layer))
        {
            return default;
        }

        stack.Add(layer);
        return new Scope(stack.Count);
    }

    /// <summary>The path of a weight <paramref name="variable"/> that <paramref name="owner"/> creates now.</summary>
    /// <param name="owner">The layer creating the weight.</param>
    /// <param name="variable">The weight's short name.</param>
    public static string Of(Layer owner, string variable)
    {
        var parts = new List<string>();
        var stack = _stack;
        if (stack is not null)
        {
            parts.AddRange(stack.Select(l => l.Name));
        }

        if (stack is not { Count: > 0 } || !ReferenceEquals(stack[^1], owner))
        {
            parts.Add(owner.Name);
        }

        parts.Add(variable);
        return string.Join("/", parts);
    }

    /// <summary>Pops the stack back to where it was when the scope was entered.</summary>
    /// <param name="depth">The stack depth after entering; 0 for a scope that pushed nothing.</param>
    internal readonly struct Scope(int depth) : IDisposable
    {
        public void Dispose()
        {
            if (depth > 0 && _stack is { } stack && stack.Count >= depth)
            {
                stack.RemoveRange(depth - 1, stack.Count - depth + 1);
            }
        }
    }
}
