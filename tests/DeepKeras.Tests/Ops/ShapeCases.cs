using DeepKeras.Tests.TestUtil;
using static DeepKeras.Keras.Ops;
using static TorchSharp.torch;

namespace DeepKeras.Tests.Ops;

/// <summary>The calls of gen_ops.py's "ops_shape" case: reshaping, joining, splitting, indexing, sorting, where/clip and products.</summary>
internal static class ShapeCases
{
    public static Dictionary<string, Func<GoldenOps, Tensor>> Build()
    {
        var c = new Dictionary<string, Func<GoldenOps, Tensor>>
        {
            ["reshape_6_4"] = g => Reshape(g["m"], (6, 4)),
            ["reshape_m1_2"] = g => Reshape(g["m"], -1, 2),
            ["reshape_flat"] = g => Reshape(g["m"], -1),
            ["transpose_default"] = g => Transpose(g["m"]),
            ["transpose_0_2_1"] = g => Transpose(g["m"], 0, 2, 1),
            ["transpose_m1_0_1"] = g => Transpose(g["m"], -1, 0, 1),
            ["concatenate_0"] = g => Concatenate([g["m"], g["m"] * 2], axis: 0),
            ["concatenate_m1"] = g => Concatenate([g["m"], g["m"][.., .., ..2]], axis: -1),
            ["concatenate_promote"] = g => Concatenate([g["mi"], Cast(g["mi"], "float32")], axis: 0),
            ["stack_0"] = g => Stack([g["mi"], g["mi"] + 1], axis: 0),
            ["stack_m1"] = g => Stack([g["mi"], g["mi"] + 1, g["mi"] + 2], axis: -1),
            ["stack_1"] = g => Stack([g["mi"], g["mi"] + 1], axis: 1),
            ["expand_dims_0"] = g => ExpandDims(g["mi"], 0),
            ["expand_dims_m1"] = g => ExpandDims(g["mi"], -1),
            ["expand_dims_0_m1"] = g => ExpandDims(g["mi"], (0, -1)),
            ["expand_dims_1_2"] = g => ExpandDims(g["mi"], (1, 2)),
            ["squeeze_all"] = g => Squeeze(g["sq"]),
            ["squeeze_0"] = g => Squeeze(g["sq"], 0),
            ["squeeze_0_2"] = g => Squeeze(g["sq"], (0, 2)),
            ["squeeze_m2"] = g => Squeeze(g["sq"], -2),
            ["tile_2"] = g => Tile(g["mi"], 2),
            ["tile_2_1"] = g => Tile(g["mi"], 2, 1),
            ["tile_2_1_3"] = g => Tile(g["mi"], 2, 1, 3),
            ["repeat_2"] = g => Repeat(g["mi"], 2),
            ["repeat_2_0"] = g => Repeat(g["mi"], 2, axis: 0),
            ["repeat_3_m1"] = g => Repeat(g["mi"], 3, axis: -1),
            ["broadcast_to"] = g => BroadcastTo(g["v"], (3, 4)),
            ["broadcast_to_3d"] = g => BroadcastTo(Reshape(g["v"], 4, 1), (2, 4, 3)),
            ["take_flat"] = g => Take(g["mi"], [5, 0, 11]),
            ["take_axis1"] = g => Take(g["mi"], [2, 0], axis: 1),
            ["take_axis0_2d"] = g => Take(g["mi"], tensor(new long[,] { { 0, 2 }, { 1, -1 } }), axis: 0),
            ["take_axism1"] = g => Take(g["m"], [3, 1], axis: -1),
            ["take_along_axis_1"] = g => TakeAlongAxis(g["mi"], Argsort(g["mi"], axis: 1), axis: 1),
            ["take_along_axis_0"] = g => TakeAlongAxis(g["mi"], tensor(new long[,] { { 2, 1, 0, 0 } }), axis: 0),
            ["sort_m1"] = g => Sort(g["mi"]),
            ["sort_0"] = g => Sort(g["mi"], axis: 0),
            ["sort_none"] = g => Sort(g["mi"], axis: null),
            ["argsort_m1"] = g => Argsort(g["mi"]),
            ["argsort_0"] = g => Argsort(g["mi"], axis: 0),
            ["argsort_f"] = g => Argsort(g["m"], axis: 1),
            ["where_3"] = g => Where(g["cond"], g["mi"], -g["mi"]),
            ["where_promote"] = g => Where(g["cond"], g["mi"], Cast(g["mi"], "float32") / 2),
            ["where_scalar_int"] = g => Where(g["cond"], g["mi"], 0),
            ["where_scalars"] = g => Where(g["cond"], 1.0, 0),
            ["where_broadcast"] = g => Where(g["cond"], g["v"], 0.0),
            ["where_1"] = g => Where(g["cond"]),
            ["clip_f"] = g => Clip(g["m"], -0.5, 0.5),
            ["clip_i"] = g => Clip(g["mi"], 2, 7),
            ["clip_i_float"] = g => Clip(g["mi"], 2.5, 7.5),
            ["clip_b"] = g => Clip(g["cond"], 0, 1),
            ["matmul_2d"] = g => Matmul(Reshape(g["m"], 6, 4), g["w"]),
            ["matmul_batch"] = g => Matmul(g["m"], g["w"]),
            ["matmul_vec"] = g => Matmul(Transpose(g["w"]), g["v"]),
            ["matmul_vecvec"] = g => Matmul(g["v"], g["v"]),
            ["matmul_int"] = g => Matmul(g["mi"], Transpose(g["mi"])),
            ["matmul_int_float"] = g => Matmul(g["mi"], g["w"]),
            ["einsum_bij_jk"] = g => Einsum("bij,jk->bik", g["m"], g["w"]),
            ["einsum_trace"] = g => Einsum("ii->i", Reshape(Arange(9.0), 3, 3)),
            ["einsum_outer"] = g => Einsum("i,j->ij", g["v"], g["v"]),
            ["top_k_values"] = g => TopK(g["m"], 2).Values,
            ["top_k_indices"] = g => TopK(g["m"], 2).Indices,
            ["top_k_v_values"] = g => TopK(g["v"], 3, sorted: true).Values,
            ["top_k_v_indices"] = g => TopK(g["v"], 3, sorted: true).Indices,
        };
        for (var i = 0; i < 2; i++)
        {
            var part = i;
            c[$"split_2_m1_{i}"] = g => Split(g["m"], 2, axis: -1)[part];
        }

        for (var i = 0; i < 3; i++)
        {
            var part = i;
            c[$"split_idx_1_3_{i}"] = g => Split(g["mi"], [1, 3], axis: 1)[part];
        }

        return c;
    }
}
