"""PlotModel cases: the DOT graphs of keras.utils.model_to_dot (keras/src/utils/model_visualization.py).

The oracle has neither pydot nor graphviz, so this generator gives Keras a small recording stand-in for pydot and
lets Keras's own model_to_dot build its graph with it: the node labels (the HTML tables), node and edge attributes,
clusters of expanded nested models and the graph attributes are all Keras's. The stand-in writes the graph as DOT
text the way DeepKeras's Keras.Utils.ModelToDot does (one statement per line, nodes named by layer name instead of
Python object ids), so the C# test compares the texts exactly.

Each plot_<model> case holds the DOT text of every variant (<variant>.txt, one per set of model_to_dot arguments)
and summary.txt.
"""
import re

import keras
from keras import layers
from keras.src.utils import model_visualization

import golden

_names = {}  # str(id(layer)) -> layer name


def _register(model):
    _names[str(id(model))] = model.name
    for layer in model.layers:
        if isinstance(layer, keras.Model):
            _register(layer)
        else:
            _names[str(id(layer))] = layer.name
    if hasattr(model, "_operations"):
        for op in model._operations:
            _names[str(id(op))] = op.name


def _value(v):
    s = str(v)
    if s.startswith("<") and s.endswith(">"):
        return s
    if re.fullmatch(r"[A-Za-z0-9_.]+", s):
        return s
    return '"' + s.replace('"', '\\"') + '"'


def _attrs(attrs):
    return ", ".join(f"{k}={_value(v)}" for k, v in attrs.items())


def _id(name):
    return '"' + _names.get(name, name) + '"'


class _Node:
    def __init__(self, name, label=None):
        self.name = name
        self.attrs = {"label": label}

    def set(self, k, v):
        self.attrs[k] = v

    def lines(self):
        return [f"{_id(self.name)} [{_attrs(self.attrs)}];"]


class _Edge:
    def __init__(self, src, dst):
        self.src, self.dst, self.attrs = src, dst, {}

    def set(self, k, v):
        self.attrs[k] = v

    def lines(self):
        return [f"{_id(self.src)} -> {_id(self.dst)} [{_attrs(self.attrs)}];"]


class _Graph:
    def __init__(self):
        self.attrs, self.items, self.node_defaults = {}, [], None

    def set(self, k, v):
        self.attrs[k] = v

    def set_node_defaults(self, **kw):
        self.node_defaults = kw

    def add_node(self, n):
        self.items.append(n)

    def add_edge(self, e):
        self.items.append(e)

    def add_subgraph(self, g):
        self.items.append(g)

    def get_edge(self, src, dst):
        return [e for e in self.items if isinstance(e, _Edge) and (e.src, e.dst) == (src, dst)]

    def body(self):
        out = [f"{k}={_value(v)};" for k, v in self.attrs.items()]
        if self.node_defaults:
            out.append(f"node [{_attrs(self.node_defaults)}];")
        for item in self.items:
            out += item.lines()
        return out


class Dot(_Graph):
    def lines(self):
        return ["digraph G {"] + self.body() + ["}"]

    def to_string(self):
        return "\n".join(self.lines()) + "\n"


class Cluster(_Graph):
    def __init__(self, style=None, graph_name=None):
        super().__init__()
        self.graph_name = graph_name
        self.attrs["style"] = style

    def lines(self):
        return [f'subgraph "cluster_{self.graph_name}" {{'] + self.body() + ["}"]


class _FakePydot:
    Dot, Cluster, Node, Edge = Dot, Cluster, _Node, _Edge


model_visualization.pydot = _FakePydot


def write(case_dir, model, variant, **kwargs):
    _register(model)
    dot = keras.utils.model_to_dot(model, **kwargs)
    golden.save_text(case_dir, variant, dot.to_string())


def variants(case, model):
    d = golden.out_dir(case)
    golden.save_text(d, "summary", golden.summary_text(model))
    write(d, model, "default")
    write(d, model, "shapes_dtype", show_shapes=True, show_dtype=True)
    write(d, model, "shapes_lr_noname", show_shapes=True, show_layer_names=False, rankdir="LR", dpi=96)
    write(d, model, "activations_trainable", show_layer_activations=True, show_trainable=True)
    return d


# A Sequential MLP (no InputLayer box: Keras's Sequential.layers leaves it out).
seq = keras.Sequential([
    keras.Input((8,)),
    layers.Dense(16, activation="relu", name="hidden"),
    layers.Dropout(0.2, name="drop"),
    layers.Dense(3, activation="softmax", name="probs"),
], name="mlp")
seq.get_layer("hidden").trainable = False
variants("plot_sequential", seq)

# Two inputs, a merge, two outputs.
title = keras.Input((10,), name="title")
body = keras.Input((12,), name="body")
t = layers.Dense(8, activation="relu", name="title_features")(title)
b = layers.Dense(8, activation="tanh", name="body_features")(body)
x = layers.Concatenate(name="merged")([t, b])
x = layers.Dense(16, name="shared")(x)
priority = layers.Dense(1, activation="sigmoid", name="priority")(x)
department = layers.Dense(4, activation="softmax", name="department")(x)
multi = keras.Model([title, body], [priority, department], name="ticket_router")
variants("plot_multi_io", multi)

# A functional encoder and a Sequential head nested in an outer model.
enc_in = keras.Input((6,), name="enc_in")
e = layers.Dense(5, activation="relu", name="enc_dense")(enc_in)
e2 = layers.Dense(4, name="enc_proj")(e)
encoder = keras.Model(enc_in, layers.Add(name="enc_add")([e2, layers.Dense(4, name="enc_skip")(enc_in)]), name="encoder")
head = keras.Sequential([keras.Input((4,)), layers.Dense(3, name="head_dense"), layers.Dense(2, name="head_out")], name="head")
outer_in = keras.Input((6,), name="features")
z = encoder(outer_in)
z = layers.Dropout(0.1, name="outer_drop")(z)
outer = keras.Model(outer_in, head(z), name="outer")
d = variants("plot_nested", outer)
write(d, outer, "expanded", expand_nested=True)
write(d, outer, "expanded_shapes", expand_nested=True, show_shapes=True, rankdir="LR")
