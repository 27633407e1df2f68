global using static TorchSharp.torch;
