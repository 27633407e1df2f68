"""Reads TensorBoard event files with nothing but the Python standard library and prints them as JSON.

    python3 read_tfevents.py LOGDIR

Walks LOGDIR for files whose name contains "tfevents", checks every TFRecord (length and data CRCs: masked CRC-32C),
decodes each Event (wall_time, step, file_version, summary values with tag, plugin name, dtype, shape and tensor
values) the way TensorBoard's loader does, and prints a list of events: {"run", "file", "wall_time", "step",
"file_version", "values": [{"tag", "plugin", "plugin_content", "dtype", "shape", "numbers", "strings"}]}.
Exits 1 with a message on a damaged record. Field numbers follow tensorflow/core/util/event.proto,
framework/summary.proto, tensor.proto and tensor_shape.proto; written independently of DeepKeras's writer.
"""
import base64
import json
import os
import struct
import sys


def _crc32c_table():
    table = []
    for n in range(256):
        c = n
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        table.append(c)
    return table


_TABLE = _crc32c_table()


def crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c = _TABLE[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def masked_crc(data):
    c = crc32c(data)
    return (((c >> 15) | (c << 17)) + 0xA282EAD8) & 0xFFFFFFFF


def records(path):
    with open(path, "rb") as f:
        blob = f.read()
    pos = 0
    while pos < len(blob):
        if len(blob) - pos < 12:
            raise ValueError(f"{path}: truncated record header at byte {pos}")
        header = blob[pos:pos + 8]
        (length,) = struct.unpack("<Q", header)
        (length_crc,) = struct.unpack("<I", blob[pos + 8:pos + 12])
        if masked_crc(header) != length_crc:
            raise ValueError(f"{path}: bad length CRC at byte {pos}")
        data = blob[pos + 12:pos + 12 + length]
        if len(data) != length or len(blob) < pos + 16 + length:
            raise ValueError(f"{path}: truncated record at byte {pos}")
        (data_crc,) = struct.unpack("<I", blob[pos + 12 + length:pos + 16 + length])
        if masked_crc(data) != data_crc:
            raise ValueError(f"{path}: bad data CRC at byte {pos}")
        yield data
        pos += 16 + length


def fields(buf):
    """Yields (field number, wire type, value) of one protobuf message."""
    pos = 0

    def varint():
        nonlocal pos
        shift = result = 0
        while True:
            b = buf[pos]
            pos += 1
            result |= (b & 0x7F) << shift
            if b < 0x80:
                return result
            shift += 7

    while pos < len(buf):
        key = varint()
        number, wire = key >> 3, key & 7
        if wire == 0:
            value = varint()
        elif wire == 1:
            value = buf[pos:pos + 8]
            pos += 8
        elif wire == 2:
            n = varint()
            value = buf[pos:pos + n]
            pos += n
        elif wire == 5:
            value = buf[pos:pos + 4]
            pos += 4
        else:
            raise ValueError(f"unsupported wire type {wire}")
        yield number, wire, value


DTYPES = {1: ("float", "<f"), 2: ("double", "<d"), 3: ("int32", "<i"), 9: ("int64", "<q"), 7: ("string", None)}


def tensor(buf):
    out = {"dtype": None, "shape": [], "numbers": [], "strings": []}
    content = b""
    fmt = None
    packed_floats = []
    for number, wire, value in fields(buf):
        if number == 1:
            out["dtype"] = DTYPES.get(value, (str(value), None))[0]
            fmt = DTYPES.get(value, (None, None))[1]
        elif number == 2:
            for n2, _, dim in fields(value):
                if n2 == 2:
                    out["shape"].append(next((v for n3, _, v in fields(dim) if n3 == 1), 0))
        elif number == 4:
            content = value
        elif number == 5:  # float_val, packed
            packed_floats += list(struct.unpack(f"<{len(value) // 4}f", value)) if wire == 2 else [
                struct.unpack("<f", value)[0]]
        elif number == 6:  # double_val, packed
            packed_floats += list(struct.unpack(f"<{len(value) // 8}d", value)) if wire == 2 else [
                struct.unpack("<d", value)[0]]
        elif number == 8:
            out["strings"].append(value.decode("utf-8"))
    if content and fmt:
        size = struct.calcsize(fmt)
        out["numbers"] = [struct.unpack(fmt, content[i:i + size])[0] for i in range(0, len(content), size)]
    else:
        out["numbers"] = packed_floats
    return out


def summary_value(buf):
    out = {"tag": None, "plugin": None, "plugin_content": ""}
    for number, _, value in fields(buf):
        if number == 1:
            out["tag"] = value.decode("utf-8")
        elif number == 2:  # simple_value (old-style scalar)
            out.update({"dtype": "float", "shape": [], "numbers": [struct.unpack("<f", value)[0]], "strings": []})
        elif number == 8:
            out.update(tensor(value))
        elif number == 9:
            for n2, _, v2 in fields(value):
                if n2 == 1:
                    for n3, _, v3 in fields(v2):
                        if n3 == 1:
                            out["plugin"] = v3.decode("utf-8")
                        elif n3 == 2:
                            out["plugin_content"] = base64.b64encode(v3).decode("ascii")
    return out


def event(buf):
    out = {"wall_time": None, "step": 0, "file_version": None, "values": []}
    for number, _, value in fields(buf):
        if number == 1:
            out["wall_time"] = struct.unpack("<d", value)[0]
        elif number == 2:
            out["step"] = value - (1 << 64) if value >= 1 << 63 else value
        elif number == 3:
            out["file_version"] = value.decode("utf-8")
        elif number == 5:
            out["values"] = [summary_value(v) for n2, _, v in fields(value) if n2 == 1]
    return out


def main(logdir):
    events = []
    for dirpath, _, filenames in sorted(os.walk(logdir)):
        for name in sorted(filenames):
            if "tfevents" not in name:
                continue
            run = os.path.relpath(dirpath, logdir)
            for data in records(os.path.join(dirpath, name)):
                e = event(data)
                e.update({"run": run, "file": name})
                events.append(e)
    json.dump(events, sys.stdout, indent=1)
    sys.stdout.write("\n")


if __name__ == "__main__":
    try:
        main(sys.argv[1])
    except ValueError as e:
        print(e, file=sys.stderr)
        sys.exit(1)
