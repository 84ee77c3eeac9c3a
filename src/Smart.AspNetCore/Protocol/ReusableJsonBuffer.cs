using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Smart.AspNetCore.Protocol;

/// <summary>
/// A <see cref="Utf8JsonWriter"/> over a growable buffer that is reused by the next response on the same thread, so a
/// JSON response costs no buffer allocation. Rent, write, send <see cref="WrittenMemory"/>, then <see cref="Return"/>
/// (after the send has completed: the buffer is owned by the renter until then, on whichever thread it resumes).
/// </summary>
#pragma warning disable CA1001 // One buffer per thread lives as long as the thread; Utf8JsonWriter holds only managed buffers.
internal sealed class ReusableJsonBuffer
#pragma warning restore CA1001
{
    /// <summary>A buffer that grew beyond this (an unusually large response) is dropped instead of kept.</summary>
    private const int MaxRetainedBytes = 64 * 1024;

    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ReusableJsonBuffer? t_cached;

    private readonly ArrayBufferWriter<byte> _buffer = new(2048);

    private ReusableJsonBuffer() => Json = new Utf8JsonWriter(_buffer, s_options);

    /// <summary>The writer; relaxed JSON escaping (as every JSON response of the library).</summary>
    public Utf8JsonWriter Json { get; }

    /// <summary>What was written (flushes the writer).</summary>
    public ReadOnlyMemory<byte> WrittenMemory
    {
        get
        {
            Json.Flush();
            return _buffer.WrittenMemory;
        }
    }

    /// <summary>This thread's free buffer, or a new one; empty.</summary>
    public static ReusableJsonBuffer Rent()
    {
        var buffer = t_cached ?? new ReusableJsonBuffer();
        t_cached = null;
        buffer._buffer.ResetWrittenCount();
        buffer.Json.Reset(buffer._buffer);
        return buffer;
    }

    /// <summary>Gives the buffer to the current thread for its next response; its content is cleared.</summary>
    public void Return()
    {
        if (_buffer.Capacity > MaxRetainedBytes)
        {
            return;
        }

        // Token responses carry bearer tokens: never leave one in a buffer that outlives the response.
        _buffer.Clear();
        t_cached = this;
    }
}
