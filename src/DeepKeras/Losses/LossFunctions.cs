namespace DeepKeras.Losses;

/// <summary>
/// The loss functions of Keras (<c>keras.losses.mean_squared_error</c>, <c>binary_crossentropy</c>, …): each takes
/// <c>(yTrue, yPred)</c> and returns one value per sample (the last axis reduced), unweighted and unreduced. The loss
/// classes (<see cref="MeanSquaredError"/>, …) call these and then apply sample weights and the <see cref="Reduction"/>;
/// the loss-named metrics average them.
/// </summary>
public static partial class LossFunctions;
