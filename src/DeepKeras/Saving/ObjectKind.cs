namespace DeepKeras.Saving;

/// <summary>The families of serializable objects; each has its Keras module name.</summary>
internal enum ObjectKind
{
    /// <summary>Layers and models (<c>keras.layers</c>; Sequential and Functional are in <c>keras</c>).</summary>
    Layer,

    /// <summary>Weight initializers (<c>keras.initializers</c>).</summary>
    Initializer,

    /// <summary>Weight and activity regularizers (<c>keras.regularizers</c>).</summary>
    Regularizer,

    /// <summary>Optimizers (<c>keras.optimizers</c>).</summary>
    Optimizer,

    /// <summary>Weight constraints (<c>keras.constraints</c>).</summary>
    Constraint,

    /// <summary>Learning-rate schedules (<c>keras.optimizers.schedules</c>).</summary>
    Schedule,

    /// <summary>Losses (<c>keras.losses</c>).</summary>
    Loss,

    /// <summary>Metrics (<c>keras.metrics</c>).</summary>
    Metric,

    /// <summary>Functions (Lambda bodies, custom activations), registered by name.</summary>
    Function,
}

/// <summary>Maps object kinds to base types and Keras module names.</summary>
internal static class ObjectKinds
{
    /// <summary>The Keras module of the built-in objects of a kind.</summary>
    public static string Module(ObjectKind kind) => kind switch
    {
        ObjectKind.Layer => "keras.layers",
        ObjectKind.Initializer => "keras.initializers",
        ObjectKind.Regularizer => "keras.regularizers",
        ObjectKind.Optimizer => "keras.optimizers",
        ObjectKind.Constraint => "keras.constraints",
        ObjectKind.Schedule => "keras.optimizers.schedules",
        ObjectKind.Loss => "keras.losses",
        ObjectKind.Metric => "keras.metrics",
        _ => "keras",
    };

    /// <summary>The base type of a kind.</summary>
    public static Type BaseType(ObjectKind kind) => kind switch
    {
        ObjectKind.Layer => typeof(Layers.Layer),
        ObjectKind.Initializer => typeof(Initializers.Initializer),
        ObjectKind.Regularizer => typeof(Regularizers.Regularizer),
        ObjectKind.Optimizer => typeof(Optimizers.Optimizer),
        ObjectKind.Constraint => typeof(Constraints.Constraint),
        ObjectKind.Schedule => typeof(Optimizers.Schedules.LearningRateSchedule),
        ObjectKind.Loss => typeof(Losses.Loss),
        ObjectKind.Metric => typeof(Metrics.Metric),
        _ => typeof(Delegate),
    };

    /// <summary>The kind of a type, or null when it is not a serializable family.</summary>
    public static ObjectKind? Of(Type type)
    {
        foreach (var kind in Enum.GetValues<ObjectKind>())
        {
            if (BaseType(kind).IsAssignableFrom(type))
            {
                return kind;
            }
        }

        return null;
    }

    /// <summary>The word Keras uses for the kind in messages (<c>layer</c>, <c>initializer</c>, …).</summary>
    public static string Word(ObjectKind kind) => kind switch
    {
        ObjectKind.Schedule => "learning rate schedule",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
