namespace DeepKeras.Saving.Onnx;

/// <summary>
/// Field numbers and enum values of the messages in onnx.proto (ONNX IR version 8) that the exporter writes, named
/// as in the .proto file (one nested class per message).
/// </summary>
internal static class OnnxProto
{
    /// <summary><c>ModelProto</c>.</summary>
    public static class ModelProto
    {
        public const int IrVersion = 1;
        public const int ProducerName = 2;
        public const int ProducerVersion = 3;
        public const int Graph = 7;
        public const int OpsetImport = 8;
    }

    /// <summary><c>OperatorSetIdProto</c>.</summary>
    public static class OperatorSetIdProto
    {
        public const int Domain = 1;
        public const int Version = 2;
    }

    /// <summary><c>GraphProto</c>.</summary>
    public static class GraphProto
    {
        public const int Node = 1;
        public const int Name = 2;
        public const int Initializer = 5;
        public const int Input = 11;
        public const int Output = 12;
    }

    /// <summary><c>NodeProto</c>.</summary>
    public static class NodeProto
    {
        public const int Input = 1;
        public const int Output = 2;
        public const int Name = 3;
        public const int OpType = 4;
        public const int Attribute = 5;
        public const int Domain = 7;
    }

    /// <summary><c>AttributeProto</c> and its <c>AttributeType</c> enum.</summary>
    public static class AttributeProto
    {
        public const int Name = 1;
        public const int F = 2;
        public const int I = 3;
        public const int S = 4;
        public const int Floats = 7;
        public const int Ints = 8;
        public const int Strings = 9;
        public const int Type = 20;

        public const int TypeFloat = 1;
        public const int TypeInt = 2;
        public const int TypeString = 3;
        public const int TypeFloats = 6;
        public const int TypeInts = 7;
        public const int TypeStrings = 8;
    }

    /// <summary><c>TensorProto</c> and its <c>DataType</c> enum.</summary>
    public static class TensorProto
    {
        public const int Dims = 1;
        public const int DataType = 2;
        public const int Name = 8;
        public const int RawData = 9;

        public const int Float = 1;
        public const int Int64 = 7;
        public const int String = 8;
    }

    /// <summary><c>ValueInfoProto</c>.</summary>
    public static class ValueInfoProto
    {
        public const int Name = 1;
        public const int Type = 2;
    }

    /// <summary><c>TypeProto</c> and <c>TypeProto.Tensor</c>.</summary>
    public static class TypeProto
    {
        public const int TensorType = 1;
        public const int TensorElemType = 1;
        public const int TensorShape = 2;
    }

    /// <summary><c>TensorShapeProto</c> and <c>TensorShapeProto.Dimension</c>.</summary>
    public static class TensorShapeProto
    {
        public const int Dim = 1;
        public const int DimValue = 1;
        public const int DimParam = 2;
    }
}
