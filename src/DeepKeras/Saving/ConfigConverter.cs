using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using DeepKeras.Activations;
using DeepKeras.Engine;
using DeepKeras.Optimizers;
using static TorchSharp.torch;

namespace DeepKeras.Saving;

/// <summary>
/// Converts plain config values (from JSON) to the .NET types of constructor parameters: numbers, strings, enums
/// (snake_case names), shapes and tuples (JSON lists), activations, and nested Keras objects (initializers,
/// regularizers, layers, optimizers, schedules, losses, metrics).
/// </summary>
internal static class ConfigConverter
{
    /// <summary>Converts <paramref name="value"/> to <paramref name="target"/>.</summary>
    /// <exception cref="FormatException">The value cannot represent the type; the message says what was expected.</exception>
    public static object? Convert(object? value, Type target, DeserializationContext ctx, string where)
    {
        if (Nullable.GetUnderlyingType(target) is { } inner)
        {
            return value is null ? null : Convert(value, inner, ctx, where);
        }

        if (value is null)
        {
            return target.IsValueType && target != typeof(LearningRateArg)
                ? throw new FormatException($"expected {Describe(target)}, received null")
                : null;
        }

        if (target == typeof(object) || target.IsInstanceOfType(value) && value is not IEnumerable<object?>)
        {
            return value;
        }

        if (target == typeof(string))
        {
            return value as string ?? throw Expected(target, value);
        }

        if (target == typeof(bool))
        {
            return value as bool? ?? throw Expected(target, value);
        }

        if (IsNumber(target))
        {
            return ToNumber(value, target);
        }

        if (target.IsEnum)
        {
            return ToEnum(value, target);
        }

        if (target == typeof(Shape))
        {
            return ToShape(value);
        }

        if (target == typeof(ActivationFunction))
        {
            return ToActivation(value, ctx, where);
        }

        if (target == typeof(Func<Tensor, Tensor>))
        {
            return KerasDeserializer.ResolveFunction(value, ctx, where);
        }

        if (target == typeof(LearningRateArg))
        {
            return value is long or double
                ? (LearningRateArg)System.Convert.ToDouble(value, CultureInfo.InvariantCulture)
                : (LearningRateArg)(Optimizers.Schedules.LearningRateSchedule)KerasDeserializer.Deserialize(value, ObjectKind.Schedule, ctx, where);
        }

        if (ObjectKinds.Of(target) is { } kind && kind != ObjectKind.Function)
        {
            var obj = value is string s ? KerasDeserializer.FromIdentifier(s, kind, ctx, where) : KerasDeserializer.Deserialize(value, kind, ctx, where);
            return target.IsInstanceOfType(obj)
                ? obj
                : throw new FormatException($"expected {Describe(target)}, received {obj.GetType().Name}");
        }

        if (value is List<object?> list)
        {
            if (target.IsArray)
            {
                var element = target.GetElementType()!;
                var array = Array.CreateInstance(element, list.Count);
                for (var i = 0; i < list.Count; i++)
                {
                    array.SetValue(Convert(list[i], element, ctx, where), i);
                }

                return array;
            }

            if (IsTuple(target))
            {
                var args = target.GetGenericArguments();
                if (args.Length != list.Count)
                {
                    throw new FormatException($"expected a list of {args.Length} values, received {list.Count}");
                }

                return Activator.CreateInstance(target, args.Select((t, i) => Convert(list[i], t, ctx, where)).ToArray());
            }

            if (target.IsGenericType && target.GetGenericArguments() is [var itemType] &&
                target.IsAssignableFrom(typeof(List<>).MakeGenericType(itemType)))
            {
                var typed = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
                foreach (var item in list)
                {
                    typed.Add(Convert(item, itemType, ctx, where));
                }

                return typed;
            }
        }

        if (ViaImplicitOperator(value, target, ctx, where, out var converted))
        {
            return converted;
        }

        throw Expected(target, value);
    }

    /// <summary>A JSON list of ints and nulls as a shape.</summary>
    public static Shape ToShape(object? value) => value switch
    {
        List<object?> dims => new Shape(dims.Select(d => d switch
        {
            null => (int?)null,
            long l when l is >= 0 and <= int.MaxValue => (int)l,
            double x when x >= 0 && x <= int.MaxValue && x == Math.Floor(x) => (int)x,
            _ => throw new FormatException($"expected a shape (a list of non-negative integers or null), received {Text(value)}"),
        }).ToArray()),
        long n when n is >= 0 and <= int.MaxValue => new Shape((int)n),
        _ => throw new FormatException($"expected a shape (a list of non-negative integers or null), received {Text(value)}"),
    };

    private static bool IsNumber(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(double) || t == typeof(float) || t == typeof(short) || t == typeof(ulong);

    private static object ToNumber(object value, Type target)
    {
        if (value is not (long or double))
        {
            throw Expected(target, value);
        }

        var d = System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
        if (target == typeof(double))
        {
            return d;
        }

        if (target == typeof(float))
        {
            return (float)d;
        }

        if (d != Math.Floor(d) || double.IsInfinity(d))
        {
            throw new FormatException($"expected an integer, received {Text(value)}");
        }

        try
        {
            return target == typeof(int) ? checked((int)d)
                : target == typeof(short) ? checked((short)d)
                : target == typeof(ulong) ? checked((ulong)d)
                : value is long l ? l : checked((long)d);
        }
        catch (OverflowException)
        {
            throw new FormatException($"the integer {Text(value)} is out of range for {Describe(target)}");
        }
    }

    private static object ToEnum(object value, Type target)
    {
        if (value is string s)
        {
            foreach (var name in Enum.GetNames(target))
            {
                if (string.Equals(NameScope.ToSnakeCase(name), s, StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(name, s, StringComparison.OrdinalIgnoreCase))
                {
                    return Enum.Parse(target, name);
                }
            }

            throw new FormatException(
                $"expected one of {string.Join(", ", Enum.GetNames(target).Select(NameScope.ToSnakeCase))}, received '{s}'");
        }

        return value is long l && Enum.IsDefined(target, System.Convert.ChangeType(l, Enum.GetUnderlyingType(target), CultureInfo.InvariantCulture))
            ? Enum.ToObject(target, l)
            : throw Expected(target, value);
    }

    private static ActivationFunction ToActivation(object value, DeserializationContext ctx, string where)
    {
        if (value is string s && (string.IsNullOrEmpty(s) || ActivationFunction.Names.Contains(s.Trim().ToLowerInvariant())))
        {
            return ActivationFunction.Get(s);
        }

        var fn = KerasDeserializer.ResolveFunction(value, ctx, where);
        var name = value as string ?? (value as Dictionary<string, object?>)?.GetValueOrDefault("config") as string ?? "custom";
        return ActivationFunction.FromDelegate(fn, name);
    }

    private static bool IsTuple(Type t) => t.IsValueType && t.IsGenericType && typeof(ITuple).IsAssignableFrom(t);

    // Custom argument types (e.g. a kernel-size struct) usually convert implicitly from an int, a tuple or a string.
    private static bool ViaImplicitOperator(object value, Type target, DeserializationContext ctx, string where, out object? result)
    {
        result = null;
        var operators = target.GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == "op_Implicit" && m.ReturnType == target && m.GetParameters().Length == 1)
            .ToList();
        foreach (var op in operators.OrderBy(m => Preference(m.GetParameters()[0].ParameterType, value)))
        {
            var source = op.GetParameters()[0].ParameterType;
            if (source == target || Preference(source, value) == int.MaxValue)
            {
                continue;
            }

            try
            {
                var arg = Convert(value, source, ctx, where);
                result = op.Invoke(null, [arg]);
                return true;
            }
            catch (FormatException)
            {
            }
            catch (TargetInvocationException)
            {
            }
        }

        return false;
    }

    private static int Preference(Type source, object value) => value switch
    {
        string => source == typeof(string) ? 0 : int.MaxValue,
        long => source == typeof(int) ? 0 : source == typeof(long) ? 1 : source == typeof(double) ? 2 : int.MaxValue,
        double => source == typeof(double) ? 0 : source == typeof(float) ? 1 : int.MaxValue,
        List<object?> l => IsTuple(source) && source.GetGenericArguments().Length == l.Count ? 0
            : source.IsArray || source == typeof(Shape) ? 1 : int.MaxValue,
        _ => int.MaxValue,
    };

    private static FormatException Expected(Type target, object value) =>
        new($"expected {Describe(target)}, received {Text(value)}");

    /// <summary>A readable name for a .NET type in messages.</summary>
    public static string Describe(Type t) =>
        t == typeof(int) || t == typeof(long) || t == typeof(short) ? "an integer"
        : t == typeof(double) || t == typeof(float) ? "a number"
        : t == typeof(bool) ? "true or false"
        : t == typeof(string) ? "a string"
        : t.IsArray || IsTuple(t) ? "a list"
        : $"a {t.Name}";

    /// <summary>A short JSON-like rendering of a plain value for messages.</summary>
    public static string Text(object? value)
    {
        var text = value switch
        {
            Dictionary<string, object?> or List<object?> => KerasJson.Write(value),
            null => "null",
            string s => $"'{s}'",
            bool b => b ? "true" : "false",
            double d => KerasJson.Float(d),
            _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
        };
        return text.Length > 120 ? text[..117] + "..." : text;
    }
}
