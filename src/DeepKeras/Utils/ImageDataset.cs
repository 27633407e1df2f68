using DeepKeras.Training;
using DeepKeras.Utils.Folders;
using DeepKeras.Utils.Images;
using NumSharp;
using static TorchSharp.torch;

namespace DeepKeras.Utils;

/// <summary>
/// Batches of images read from class folders, made by <c>Keras.Utils.ImageDatasetFromDirectory</c> (Keras returns
/// a <c>tf.data.Dataset</c> with <c>class_names</c> and <c>file_paths</c>). It is a <see cref="PyDataset"/>: pass it to
/// <c>model.Fit(ds, validationData: valDs)</c>, <c>Evaluate</c> or <c>Predict</c>; the progress bar knows
/// <see cref="PyDataset.Count"/> from the first epoch.
/// </summary>
/// <remarks>
/// Each batch is decoded and resized when it is asked for, so memory holds one batch of images, not the folder. Images
/// are float32 <c>(batch, height, width, channels)</c> (channels first with <c>dataFormat: "channels_first"</c>) with
/// values 0–255; labels are int32 <c>(batch,)</c> (<c>labelMode: "int"</c>), float32 one-hot <c>(batch, classes)</c>
/// (<c>"categorical"</c>) or float32 <c>(batch, 1)</c> (<c>"binary"</c>). With <c>shuffle: true</c> every pass over the
/// data (every epoch) serves the files in a new order drawn from the seed; before the first pass, and without shuffling,
/// batches follow <see cref="FilePaths"/>. Read a batch as arrays with <see cref="GetBatch"/>.
/// </remarks>
public sealed class ImageDataset : PyDataset
{
    private readonly FolderSamples _samples;
    private readonly (int Height, int Width) _imageSize;
    private readonly string _mode;
    private readonly string _interpolation;
    private readonly bool _crop;
    private readonly bool _pad;
    private readonly bool _channelsFirst;
    private ImageDataset? _validation;

    internal ImageDataset(FolderSamples samples, (int Height, int Width) imageSize, string mode, string interpolation, bool crop, bool pad,
        bool channelsFirst)
    {
        (_samples, _imageSize, _mode, _interpolation, _crop, _pad, _channelsFirst) = (samples, imageSize, mode, interpolation, crop, pad, channelsFirst);
    }

    /// <summary>Gets the class names in label order (subfolder names, or the sorted explicit labels), or null without labels.</summary>
    public IReadOnlyList<string>? ClassNames => _samples.Index.ClassNames;

    /// <summary>Gets the image files in index order (Keras's <c>file_paths</c>).</summary>
    public IReadOnlyList<string> FilePaths => _samples.Index.Paths;

    /// <summary>Gets the label of each file of <see cref="FilePaths"/>, or null without labels.</summary>
    public IReadOnlyList<int>? Labels => _samples.Index.Labels;

    /// <summary>Gets the images per batch (the last batch may be smaller).</summary>
    public int BatchSize => _samples.BatchSize;

    /// <summary>Gets the number of images.</summary>
    public int SampleCount => _samples.Index.Paths.Length;

    /// <summary>Gets the number of batches.</summary>
    public override int Count => _samples.Count;

    /// <summary>Returns batch <paramref name="index"/> for the model: the images, and the labels when there are labels.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    public override DataBatch GetItem(int index)
    {
        var (images, labels) = GetBatch(index);
        return labels is null ? new DataBatch(images) : new DataBatch(images, labels);
    }

    /// <summary>Reads batch <paramref name="index"/> as arrays: images <c>(batch, height, width, channels)</c> float32, and labels (null without labels).</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the batches.</exception>
    /// <exception cref="InvalidDataException">A file of the batch cannot be decoded (the message names it).</exception>
    public (NDArray Images, NDArray? Labels) GetBatch(int index)
    {
        var samples = _samples.Batch(index);
        var channels = ImageData.ChannelsOf(_mode);
        var size = _imageSize.Height * _imageSize.Width * channels;
        var all = new float[samples.Length * size];
        for (var i = 0; i < samples.Length; i++)
        {
            LoadOne(_samples.Index.Paths[samples[i]]).CopyTo(all, i * size);
        }

        var shape = _channelsFirst ? new[] { samples.Length, channels, _imageSize.Height, _imageSize.Width }
            : new[] { samples.Length, _imageSize.Height, _imageSize.Width, channels };
        return (np.array(all).reshape(shape), _samples.Labels(samples));
    }

    /// <summary>
    /// Splits the result of <c>subset: "both"</c> into the training and validation datasets (Keras returns the pair):
    /// <c>var (train, val) = Keras.Utils.ImageDatasetFromDirectory(dir, validationSplit: 0.2, subset: "both", seed: 1);</c>.
    /// </summary>
    /// <param name="training">This dataset, the training part.</param>
    /// <param name="validation">The validation part.</param>
    /// <exception cref="InvalidOperationException">The dataset was not made with <c>subset: "both"</c>.</exception>
    public void Deconstruct(out ImageDataset training, out ImageDataset validation)
    {
        training = this;
        validation = _validation ?? throw new InvalidOperationException(
            "Only a dataset made with subset: \"both\" splits into (training, validation); this one has no validation part.");
    }

    internal ImageDataset WithValidation(ImageDataset validation)
    {
        _validation = validation;
        return this;
    }

    /// <summary>Draws the file order of the coming pass when shuffling.</summary>
    public override void OnEpochBegin() => _samples.NextEpoch();

    // Decode, convert to the colour mode, resize as keras.ops.image.resize (no antialiasing, as tf.image.resize).
    private float[] LoadOne(string path)
    {
        var img = ImageCodec.Load(path, _mode);
        using var scope = NewDisposeScope();
        var x = tensor(img.GetPixels(), [img.Height, img.Width, img.Channels]).to_type(ScalarType.Float32);
        if (img.Height != _imageSize.Height || img.Width != _imageSize.Width)
        {
            x = Keras.Ops.Image.Resize(x, (_imageSize.Height, _imageSize.Width), _interpolation, cropToAspectRatio: _crop, padToAspectRatio: _pad);
        }

        if (_channelsFirst)
        {
            x = x.permute(2, 0, 1);
        }

        return x.contiguous().data<float>().ToArray();
    }
}
