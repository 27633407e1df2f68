// Namespaces nearly every file of the library imports: TorchSharp's tensor API (Tensor, zeros, cat, …) and the engine
// types (Shape, Layer, InputSpec, …). A file may still name them again; the compiler accepts the repeat.
global using static TorchSharp.torch;
global using DeepKeras.Engine;
