"""RNN(cell) cases: keras.layers.RNN with SimpleRNNCell, LSTMCell, GRUCell, StackedRNNCells, a list of cells, user cells.

Each case holds what Keras prints and computes for a tiny model: summary.txt, model.keras (whose weights file is also
the reference weight layout), inputs x*.npy, outputs y*.npy (flattened in Keras's output order: output, then every
state) and rnn_config.json (the serialized RNN layer). Names are given explicitly where the C# test must reproduce them.
"""
import keras
import numpy as np
from keras import layers, ops

import golden

rng = np.random.RandomState(7)


def floats(*shape):
    return rng.uniform(-1.0, 1.0, size=shape).astype("float32")


def save_case(case, model, inputs, rnn=None):
    """Saves the model, its summary, inputs and flattened predictions."""
    d = golden.out_dir(case)
    inputs = inputs if isinstance(inputs, list) else [inputs]
    for i, x in enumerate(inputs):
        golden.save_npy(d, f"x{i}", x)
    ys = keras.tree.flatten(model.predict(inputs if len(inputs) > 1 else inputs[0], verbose=0))
    for i, y in enumerate(ys):
        golden.save_npy(d, f"y{i}", y)
    golden.save_text(d, "summary", golden.summary_text(model))
    model.save(d + "/model.keras")
    if rnn is not None:
        golden.save_json(d, "rnn_config", keras.saving.serialize_keras_object(rnn))
    return d


keras.utils.set_random_seed(1)

# A list of cells becomes StackedRNNCells (default names: rnn, stacked_rnn_cells, lstm_cell, lstm_cell_1).
rnn = layers.RNN([layers.LSTMCell(3), layers.LSTMCell(2)])
m = keras.Sequential([keras.Input((4, 3)), rnn], name="cell_list")
save_case("rnncell_list", m, floats(2, 4, 3), rnn)

# The parameter count: RNN(LSTMCell(64)) on 28 features has 23,808 parameters (summary only, no weights).
d = golden.out_dir("rnncell_lstm_params")
m = keras.Sequential([keras.Input((None, 28)), layers.RNN(layers.LSTMCell(64, name="lstm64_cell"), name="lstm64")],
                     name="lstm_params")
golden.save_text(d, "summary", golden.summary_text(m))

# SimpleRNNCell, last output.
rnn = layers.RNN(layers.SimpleRNNCell(4, name="simple_cell"), name="simple_rnn_layer")
m = keras.Sequential([keras.Input((5, 3)), rnn], name="simple")
save_case("rnncell_simple", m, floats(3, 5, 3), rnn)

# LSTMCell, whole sequence, then a Dense per step.
rnn = layers.RNN(layers.LSTMCell(4, name="lstm_cell_a"), return_sequences=True, name="lstm_seq")
m = keras.Sequential([keras.Input((5, 3)), rnn, layers.Dense(2, name="head")], name="lstm_seq_model")
save_case("rnncell_lstm_seq", m, floats(3, 5, 3), rnn)

# GRUCell (reset_after=True), backwards, with its final state (functional, two outputs).
inp = keras.Input((6, 3), name="seq")
rnn = layers.RNN(layers.GRUCell(3, name="gru_cell_a"), return_state=True, go_backwards=True, name="gru_back")
m = keras.Model(inp, keras.tree.flatten(rnn(inp)), name="gru_state")
save_case("rnncell_gru_state", m, floats(2, 6, 3), rnn)

# GRUCell with reset_after=False (bias (3u,)), whole sequence.
rnn = layers.RNN(layers.GRUCell(3, reset_after=False, name="gru_cell_b"), return_sequences=True, name="gru_before")
m = keras.Sequential([keras.Input((4, 2)), rnn], name="gru_before_model")
save_case("rnncell_gru_before", m, floats(2, 4, 2), rnn)

# StackedRNNCells of three kinds, whole sequence and all states: output, h1, c1, h2, h3.
inp = keras.Input((5, 3), name="seq")
cells = [layers.LSTMCell(4, name="c_lstm"), layers.GRUCell(3, name="c_gru"), layers.SimpleRNNCell(2, name="c_simple")]
rnn = layers.RNN(layers.StackedRNNCells(cells, name="stack"), return_sequences=True, return_state=True, name="stacked")
m = keras.Model(inp, keras.tree.flatten(rnn(inp)), name="stacked_model")
save_case("rnncell_stacked", m, floats(2, 5, 3), rnn)

# Masks from Embedding(mask_zero): padding at the end, at the start and in the middle; a backwards GRUCell after.
tokens = np.array([[3, 5, 2, 0, 0, 0], [0, 0, 7, 1, 4, 9], [6, 0, 8, 0, 2, 1]], dtype="int32")
m = keras.Sequential(
    [
        keras.Input((6,), dtype="int32"),
        layers.Embedding(10, 3, mask_zero=True, name="embed"),
        layers.RNN(layers.LSTMCell(4, name="m_lstm"), return_sequences=True, name="masked_lstm"),
        layers.RNN(layers.GRUCell(2, name="m_gru"), go_backwards=True, name="masked_gru"),
    ],
    name="masked",
)
save_case("rnncell_masked", m, tokens)

# zero_output_for_mask: masked steps output zeros instead of repeating the previous output.
rnn = layers.RNN(layers.SimpleRNNCell(3, name="z_cell"), return_sequences=True, zero_output_for_mask=True, name="zero_out")
m = keras.Sequential([keras.Input((6,), dtype="int32"), layers.Embedding(10, 2, mask_zero=True, name="embed_z"), rnn],
                     name="zero_masked")
save_case("rnncell_zero_output", m, tokens, rnn)

# Stateful: batches continue each other until reset_state() zeroes the kept (batch, units) states.
d = golden.out_dir("rnncell_stateful")
rnn = layers.RNN(layers.LSTMCell(3, name="s_cell"), stateful=True, name="stateful_lstm")
m = keras.Sequential([keras.Input(batch_shape=(2, 3, 2)), rnn], name="stateful_model")
x = floats(2, 6, 2)
golden.save_npy(d, "x", x)
golden.save_npy(d, "y_first", m.predict_on_batch(x[:, :3]))
golden.save_npy(d, "y_second", m.predict_on_batch(x[:, 3:]))
golden.save_npy(d, "h_kept", ops.convert_to_numpy(rnn.states[0]))
golden.save_npy(d, "c_kept", ops.convert_to_numpy(rnn.states[1]))
rnn.reset_state()
golden.save_npy(d, "h_reset", ops.convert_to_numpy(rnn.states[0]))
golden.save_npy(d, "c_reset", ops.convert_to_numpy(rnn.states[1]))
golden.save_npy(d, "y_after_reset", m.predict_on_batch(x[:, 3:]))
golden.save_text(d, "summary", golden.summary_text(m))
m.save(d + "/model.keras")


# The user cell of Keras's RNN docstring, registered so the saved model names it.
@keras.saving.register_keras_serializable(package="rnncell")
class MinimalRNNCell(keras.layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.state_size = units

    def build(self, input_shape):
        self.kernel = self.add_weight(shape=(input_shape[-1], self.units), initializer="uniform", name="kernel")
        self.recurrent_kernel = self.add_weight(shape=(self.units, self.units), initializer="uniform",
                                                name="recurrent_kernel")

    def call(self, inputs, states):
        prev_output = states[0]
        h = ops.matmul(inputs, self.kernel)
        output = h + ops.matmul(prev_output, self.recurrent_kernel)
        return output, [output]

    def get_config(self):
        return {**super().get_config(), "units": self.units}


rnn = layers.RNN(MinimalRNNCell(4, name="minimal"), return_sequences=True, name="minimal_rnn")
m = keras.Sequential([keras.Input((5, 3)), rnn], name="minimal_model")
save_case("rnncell_minimal", m, floats(2, 5, 3), rnn)

rnn = layers.RNN([MinimalRNNCell(4, name="minimal_a"), MinimalRNNCell(3, name="minimal_b")], name="minimal_stack")
m = keras.Sequential([keras.Input((5, 3)), rnn], name="minimal_stack_model")
save_case("rnncell_minimal_stack", m, floats(2, 5, 3), rnn)


# The guide's NestedCell as Keras 3 can run it. Keras 3's RNN takes one input sequence (the guide's two-input version
# fails in build), so both outputs read the same step input; the states are (batch, u1) and (batch, u2, u3), which
# Keras 3 creates through the cell's get_initial_state. Keras 3's RNN layer cannot return the nested output pair
# (output_1, output_2_3) (its cast of the last output fails), so the layer case returns output_1 and the nested pair
# goes through Keras's own step loop, keras.src.backend.rnn, which the layer calls.
class NestedCell(keras.layers.Layer):
    def __init__(self, unit_1, unit_2, unit_3, nested_output=True, **kwargs):
        super().__init__(**kwargs)
        self.unit_1, self.unit_2, self.unit_3 = unit_1, unit_2, unit_3
        self.nested_output = nested_output
        self.state_size = [unit_1, [unit_2, unit_3]]
        self.output_size = [unit_1, [unit_2, unit_3]] if nested_output else unit_1

    def build(self, input_shape):
        i1 = input_shape[-1]
        self.kernel_1 = self.add_weight(shape=(i1, self.unit_1), initializer="uniform", name="kernel_1")
        self.kernel_2_3 = self.add_weight(shape=(i1, self.unit_2, self.unit_3), initializer="uniform",
                                          name="kernel_2_3")

    def call(self, inputs, states):
        s1, s2 = states
        output_1 = ops.matmul(inputs, self.kernel_1)
        output_2_3 = ops.einsum("bi,ikl->bkl", inputs, self.kernel_2_3)
        output = (output_1, output_2_3) if self.nested_output else output_1
        return output, (s1 + output_1, s2 + output_2_3)

    def get_initial_state(self, batch_size=None):
        return [ops.zeros((batch_size, self.unit_1)), ops.zeros((batch_size, self.unit_2, self.unit_3))]


d = golden.out_dir("rnncell_nested")
x = floats(2, 5, 3)
mask = np.array([[True, True, False, True, True], [True, True, True, True, False]])
golden.save_npy(d, "x", x)
golden.save_npy(d, "mask", mask.astype("int32"))

# The layer: nested states, output_1 only, backwards over the masked sequence, whole sequence and final states.
cell = NestedCell(2, 3, 4, nested_output=False, name="nested_states")
rnn = layers.RNN(cell, return_sequences=True, return_state=True, go_backwards=True, name="nested_rnn")
sequence, state_1, state_2_3 = rnn(x, mask=mask)
golden.save_npy(d, "layer_kernel_1", ops.convert_to_numpy(cell.kernel_1))
golden.save_npy(d, "layer_kernel_2_3", ops.convert_to_numpy(cell.kernel_2_3))
for name, value in [("layer_sequence", sequence), ("layer_state_1", state_1), ("layer_state_2_3", state_2_3)]:
    golden.save_npy(d, name, ops.convert_to_numpy(value))

# The nested output pair through Keras's step loop (forwards, masked, every step returned).
cell = NestedCell(2, 3, 4, name="nested_outputs")
cell.build((None, 3))
last, outputs, states = keras.src.backend.rnn(
    lambda inputs, states: cell(inputs, list(states)),
    ops.convert_to_tensor(x),
    cell.get_initial_state(2),
    mask=ops.convert_to_tensor(mask),
    return_all_outputs=True,
)
golden.save_npy(d, "loop_kernel_1", ops.convert_to_numpy(cell.kernel_1))
golden.save_npy(d, "loop_kernel_2_3", ops.convert_to_numpy(cell.kernel_2_3))
values = [("loop_sequence_1", outputs[0]), ("loop_sequence_2_3", outputs[1]), ("loop_last_1", last[0]),
          ("loop_last_2_3", last[1]), ("loop_state_1", states[0]), ("loop_state_2_3", states[1])]
for name, value in values:
    golden.save_npy(d, name, ops.convert_to_numpy(value))
