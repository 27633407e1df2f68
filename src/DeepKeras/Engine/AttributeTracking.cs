using System.Collections.Concurrent;
using System.Reflection;
using DeepKeras.Layers;
using DeepKeras.Metrics;
using DeepKeras.Models;

namespace DeepKeras.Engine;

/// <summary>
/// Keras's attribute tracking (<c>Layer.__setattr__</c> → <c>Tracker.track</c>) for C# types: the instance fields of a
/// layer or model subclass that can hold layers or metrics, found once per type by reflection and cached.
/// </summary>
/// <remarks>
/// A field is tracked when its declared type is a <see cref="Layer"/> or a <see cref="Metric"/>, or a collection of them
/// (arrays, lists, any <see cref="IEnumerable{T}"/>, and dictionaries, whose values count). Auto-properties are tracked
/// through their backing fields. Fields are listed base class first, then in declaration order within each class: the C#
/// counterpart of Keras's assignment order (a base constructor runs before a derived one). Fields declared by
/// <see cref="Layer"/>, <see cref="Model"/>, <see cref="Sequential"/> and <see cref="Functional"/> themselves are the
/// framework's bookkeeping and are never tracked; nor is a member marked <see cref="NotTrackedAttribute"/>.
/// </remarks>
internal static class AttributeTracking
{
    private static readonly ConcurrentDictionary<Type, TrackedMember[]> Cache = new();
    private static readonly HashSet<Type> Framework = [typeof(Layer), typeof(Model), typeof(Sequential), typeof(Functional)];

    /// <summary>Gets the tracked members of a layer type, base class first, in declaration order.</summary>
    public static TrackedMember[] Of(Type type) => Cache.GetOrAdd(type, Scan);

    private static TrackedMember[] Scan(Type type)
    {
        var chain = new List<Type>();
        for (var t = type; t is not null && t != typeof(Layer) && t != typeof(object); t = t.BaseType)
        {
            if (!Framework.Contains(t))
            {
                chain.Add(t);
            }
        }

        chain.Reverse();
        var members = new List<TrackedMember>();
        foreach (var t in chain)
        {
            var fields = t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
                .OrderBy(f => f.MetadataToken);
            foreach (var field in fields)
            {
                if (Describe(t, field) is { } member)
                {
                    members.Add(member);
                }
            }
        }

        return [.. members];
    }

    private static TrackedMember? Describe(Type declaring, FieldInfo field)
    {
        var (kind, collection) = KindOf(field.FieldType);
        if (kind is null)
        {
            return null;
        }

        var memberName = field.Name;
        MemberInfo annotated = field;
        if (memberName.StartsWith('<') && memberName.IndexOf(">k__BackingField", StringComparison.Ordinal) is var end and > 0)
        {
            memberName = memberName[1..end];
            annotated = (MemberInfo?)declaring.GetProperty(memberName,
                BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly) ?? field;
        }

        if (IsDefined<NotTrackedAttribute>(field, annotated))
        {
            return null;
        }

        var kerasName = (field.GetCustomAttribute<KerasNameAttribute>() ?? annotated.GetCustomAttribute<KerasNameAttribute>())?.Name
            ?? NameScope.ToSnakeCase(memberName.TrimStart('_'));
        return new TrackedMember(kerasName, field, kind.Value, collection);
    }

    private static bool IsDefined<T>(FieldInfo field, MemberInfo annotated)
        where T : Attribute => field.IsDefined(typeof(T)) || annotated.IsDefined(typeof(T));

    private static (TrackedKind? Kind, bool Collection) KindOf(Type type)
    {
        if (Single(type) is { } single)
        {
            return (single, false);
        }

        if (type == typeof(string))
        {
            return (null, false);
        }

        foreach (var element in EnumerableElementTypes(type))
        {
            var itemType = element.IsGenericType && element.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)
                ? element.GetGenericArguments()[1]
                : element;
            if (Single(itemType) is { } kind)
            {
                return (kind, true);
            }
        }

        return (null, false);
    }

    private static TrackedKind? Single(Type type) =>
        typeof(Layer).IsAssignableFrom(type) ? TrackedKind.Layer
        : typeof(Metric).IsAssignableFrom(type) ? TrackedKind.Metric
        : null;

    private static IEnumerable<Type> EnumerableElementTypes(Type type)
    {
        var interfaces = type.IsInterface ? type.GetInterfaces().Prepend(type) : type.GetInterfaces();
        return interfaces
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .Select(i => i.GetGenericArguments()[0]);
    }
}

/// <summary>What a tracked member holds.</summary>
internal enum TrackedKind
{
    /// <summary>Layers (sublayers: weights, saving, disposal).</summary>
    Layer,

    /// <summary>Metrics (reported by the model and reset at each epoch).</summary>
    Metric,
}

/// <summary>One tracked field of a layer type.</summary>
/// <param name="KerasName">The attribute name Keras would use (the path segment in weight files).</param>
/// <param name="Field">The field (a property's backing field for auto-properties).</param>
/// <param name="Kind">Layers or metrics.</param>
/// <param name="IsCollection">Whether the field holds a collection (a list, array or dictionary of them).</param>
internal sealed record TrackedMember(string KerasName, FieldInfo Field, TrackedKind Kind, bool IsCollection)
{
    /// <summary>Gets the field's current value: an item, an enumerable of items, or null.</summary>
    public object? Value(object owner) => Field.GetValue(owner);

    /// <summary>Gets the items the field holds now, of type <typeparamref name="T"/>, in order (a dictionary's values).</summary>
    public IEnumerable<T> Items<T>(object owner)
        where T : class
    {
        switch (Value(owner))
        {
            case T item:
                yield return item;
                break;
            case System.Collections.IDictionary dictionary:
                foreach (var v in dictionary.Values)
                {
                    if (v is T t)
                    {
                        yield return t;
                    }
                }

                break;
            case System.Collections.IEnumerable many when IsCollection:
                foreach (var v in many)
                {
                    if (v is T t)
                    {
                        yield return t;
                    }
                    else if (v is not null && v.GetType().IsGenericType && v.GetType().GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
                    {
                        // A read-only dictionary seen through IEnumerable<KeyValuePair<K, V>>.
                        if (v.GetType().GetProperty("Value")!.GetValue(v) is T value)
                        {
                            yield return value;
                        }
                    }
                }

                break;
        }
    }
}
