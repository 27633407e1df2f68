using DeepKeras.Tests.TestUtil;
using NumSharp;
using static DeepKeras.Keras.Ops;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Ops;

/// <summary>The calls of gen_ops.py's "ops_core" case: creation, casts, conversions and norms.</summary>
internal static class CoreCases
{
    public static Dictionary<string, Func<GoldenOps, Tensor>> Build() => new()
    {
        ["ones"] = _ => Ones((2, 3)),
        ["ones_int"] = _ => Ones(2, dtype: "int32"),
        ["zeros"] = _ => Zeros(3),
        ["zeros_bool"] = _ => Zeros((2, 2), dtype: "bool"),
        ["ones_like_i"] = g => OnesLike(g["ci"]),
        ["ones_like_f16"] = g => OnesLike(g["ci"], dtype: "float16"),
        ["zeros_like_f"] = g => ZerosLike(g["c"]),
        ["full"] = _ => Full((2, 3), 3),
        ["full_int"] = _ => Full(2, 7, dtype: "int32"),
        ["full_like_i"] = g => FullLike(g["ci"], 5),
        ["full_like_f"] = g => FullLike(g["c"], 0.25),
        ["arange_5"] = _ => Arange(5),
        ["arange_2_9_3"] = _ => Arange(2, 9, 3),
        ["arange_float"] = _ => Arange(0, 3, 0.5),
        ["arange_neg"] = _ => Arange(5, 0, -2),
        ["arange_float_stop"] = _ => Arange(2.5),
        ["arange_dtype"] = _ => Arange(4, dtype: "float32"),
        ["eye_3"] = _ => Eye(3),
        ["eye_2_4_1"] = _ => Eye(2, 4, k: 1),
        ["eye_3_m1_int"] = _ => Eye(3, k: -1, dtype: "int32"),
        ["cast_int"] = g => Cast(g["cf"], "int32"),
        ["cast_bool"] = g => Cast(g["cf"], "bool"),
        ["cast_uint8"] = g => Cast(Abs(g["cf"]), "uint8"),
        ["cast_float64"] = g => Cast(g["ci"], "float64"),
        ["cast_int64"] = g => Cast(g["ci"], "int64"),
        ["convert_list_int"] = _ => ConvertToTensor(new[] { 1, 2, 3 }),
        ["convert_list_float"] = _ => ConvertToTensor(new[] { 1.5f, 2.0f }),
        ["convert_np_int32"] = _ => ConvertToTensor(np.array(new[,] { { 1, 2 }, { 3, 4 } })),
        ["convert_np_float64"] = _ => ConvertToTensor(np.array(new[] { 0.1, 0.2 })),
        ["convert_np_int64"] = _ => ConvertToTensor(np.array(new[] { 7L, 8L })),
        ["convert_scalar_float"] = _ => ConvertToTensor(2.5),
        ["convert_scalar_int"] = _ => ConvertToTensor(3),
        ["convert_scalar_bool"] = _ => ConvertToTensor(true),
        ["convert_dtype"] = _ => ConvertToTensor(new[] { 1, 2 }, dtype: "float32"),
        ["norm"] = g => Norm(g["c"]),
        ["norm_axis1"] = g => Norm(g["c"], axis: 1),
        ["norm_axis0_k"] = g => Norm(g["c"], axis: 0, keepdims: true),
        ["norm_ord1_axis1"] = g => Norm(g["c"], 1, axis: 1),
        ["norm_ordinf_axis1"] = g => Norm(g["c"], double.PositiveInfinity, axis: 1),
        ["norm_ord1_matrix"] = g => Norm(g["c"], 1),
        ["norm_ord2_matrix"] = g => Norm(g["c"], 2),
        ["norm_fro"] = g => Norm(g["c"], "fro"),
        ["norm_nuc"] = g => Norm(g["c"], "nuc"),
        ["norm_3d_axes"] = g => Norm(g["c3"], axis: (1, 2)),
        ["norm_3d_none"] = g => Norm(g["c3"]),
        ["norm_int"] = g => Norm(g["ci"], axis: 1),
        ["norm_int64"] = g => Norm(g["cl"], axis: 1),
        ["norm_vec_ord3"] = g => Norm(Reshape(g["c"], -1), 3),
        ["norm_vec_ord0"] = g => Norm(Reshape(g["ci"], -1), 0),
        ["stop_gradient"] = g => StopGradient(g["c"]),
    };
}
