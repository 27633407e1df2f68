using System.Buffers.Binary;
using System.Text;

namespace DeepKeras.Tests.Datasets;

/// <summary>
/// Writes what <c>np.save</c> writes (numpy 1.x, pickle protocol 3) for a 1-D object array of Python lists of ints,
/// byte for byte: the pickle of <c>ndarray</c> via <c>_reconstruct</c>, its <c>dtype('O8')</c>, the BUILD state and the
/// lists, appended in batches of 1,000 as CPython's pickler does, with every tuple, list, string and bytes memoized.
/// </summary>
internal static class NumpyPickle
{
    /// <summary>The .npy file (header + pickle) for the array.</summary>
    public static byte[] ObjectArrayNpy(int[][] sequences) =>
        DatasetFiles.Npy("|O", [sequences.Length], Protocol3(sequences));

    /// <summary>The pickle numpy 1.x emits for the array (protocol 3).</summary>
    public static byte[] Protocol3(int[][] sequences)
    {
        var w = new Writer();
        w.Raw(0x80, 3);
        w.Global("numpy.core.multiarray", "_reconstruct");
        w.Global("numpy", "ndarray");
        w.Int(0);
        w.Raw(0x85);
        w.Put();
        w.Raw((byte)'C', 1, (byte)'b');
        w.Put();
        w.Raw(0x87);
        w.Put();
        w.Raw((byte)'R');
        w.Put();
        w.Raw((byte)'(');
        w.Int(1);
        w.Int(sequences.Length);
        w.Raw(0x85);
        w.Put();
        w.Global("numpy", "dtype");
        w.Unicode("O8");
        w.Raw(0x89, 0x88, 0x87);
        w.Put();
        w.Raw((byte)'R');
        w.Put();
        w.Raw((byte)'(');
        w.Int(3);
        w.Unicode("|");
        w.Raw((byte)'N', (byte)'N', (byte)'N');
        w.Int(-1);
        w.Int(-1);
        w.Int(63);
        w.Raw((byte)'t');
        w.Put();
        w.Raw((byte)'b', 0x89);
        w.List(sequences.Length, i =>
        {
            var seq = sequences[i];
            w.List(seq.Length, k => w.Int(seq[k]));
        });
        w.Raw((byte)'t');
        w.Put();
        w.Raw((byte)'b', (byte)'.');
        return w.ToArray();
    }

    private sealed class Writer
    {
        private readonly MemoryStream _out = new();
        private int _memo;

        public void Raw(params byte[] bytes) => _out.Write(bytes);

        public void Put()
        {
            if (_memo < 256)
            {
                Raw((byte)'q', (byte)_memo);
            }
            else
            {
                var b = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(b, _memo);
                Raw((byte)'r');
                Raw(b);
            }

            _memo++;
        }

        public void Global(string module, string name)
        {
            Raw((byte)'c');
            Raw(Encoding.ASCII.GetBytes($"{module}\n{name}\n"));
            Put();
        }

        public void Unicode(string s)
        {
            var bytes = Encoding.UTF8.GetBytes(s);
            var len = new byte[4];
            BinaryPrimitives.WriteInt32LittleEndian(len, bytes.Length);
            Raw((byte)'X');
            Raw(len);
            Raw(bytes);
            Put();
        }

        public void Int(long v)
        {
            if (v is >= 0 and <= 0xff)
            {
                Raw((byte)'K', (byte)v);
            }
            else if (v is >= 0 and <= 0xffff)
            {
                Raw((byte)'M', (byte)v, (byte)(v >> 8));
            }
            else
            {
                var b = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(b, checked((int)v));
                Raw((byte)'J');
                Raw(b);
            }
        }

        // EMPTY_LIST, memo, then the items: a one-item list is item + APPEND, a longer one MARK … APPENDS per batch
        // of 1,000 (CPython's batch_list_exact).
        public void List(int count, Action<int> item)
        {
            Raw((byte)']');
            Put();
            if (count == 1)
            {
                item(0);
                Raw((byte)'a');
                return;
            }

            for (var start = 0; start < count; start += 1000)
            {
                Raw((byte)'(');
                for (var i = start; i < Math.Min(count, start + 1000); i++)
                {
                    item(i);
                }

                Raw((byte)'e');
            }
        }

        public byte[] ToArray() => _out.ToArray();
    }
}
