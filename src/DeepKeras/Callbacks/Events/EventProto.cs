namespace DeepKeras.Callbacks.Events;

/// <summary>
/// Field numbers and enum values of the TensorFlow/TensorBoard protocol-buffer messages an event file holds
/// (<c>event.proto</c>, <c>summary.proto</c>, <c>tensor.proto</c>, <c>tensor_shape.proto</c>, <c>types.proto</c>),
/// named as in the .proto files, one nested class per message.
/// </summary>
internal static class EventProto
{
    /// <summary><c>Event</c>: one record of an event file.</summary>
    public static class Event
    {
        public const int WallTime = 1;
        public const int Step = 2;
        public const int FileVersion = 3;
        public const int Summary = 5;
        public const int SourceMetadata = 10;
    }

    /// <summary><c>SourceMetadata</c>: which program wrote the file.</summary>
    public static class SourceMetadata
    {
        public const int Writer = 1;
    }

    /// <summary><c>Summary</c>: a list of values.</summary>
    public static class Summary
    {
        public const int Value = 1;
    }

    /// <summary><c>Summary.Value</c>: one tagged value.</summary>
    public static class SummaryValue
    {
        public const int Tag = 1;
        public const int Tensor = 8;
        public const int Metadata = 9;
    }

    /// <summary><c>SummaryMetadata</c>: which TensorBoard plugin shows the value.</summary>
    public static class SummaryMetadata
    {
        public const int PluginData = 1;
    }

    /// <summary><c>SummaryMetadata.PluginData</c>.</summary>
    public static class PluginData
    {
        public const int PluginName = 1;
        public const int Content = 2;
    }

    /// <summary><c>TensorProto</c>.</summary>
    public static class TensorProto
    {
        public const int Dtype = 1;
        public const int TensorShape = 2;
        public const int TensorContent = 4;
        public const int StringVal = 8;
    }

    /// <summary><c>TensorShapeProto</c> and its <c>Dim</c>.</summary>
    public static class TensorShapeProto
    {
        public const int Dim = 2;
        public const int DimSize = 1;
    }

    /// <summary><c>DataType</c> values.</summary>
    public static class DataType
    {
        public const int Float = 1;
        public const int Double = 2;
        public const int String = 7;
    }
}
