using System.Text;
using System.Text.Json;
using McpForge.JsonRpc;
using Xunit;

namespace McpForge.Tests;

/// <summary>
/// A result's members can be copied whole beside what the writer writes (<see cref="MessageBuffer.AppendMember"/>, and its
/// last ones with <see cref="MessageBuffer.CompleteWith"/>, kept apart until read): the message must be the one the writer
/// would have written, with a comma exactly when the object has members before.
/// </summary>
public sealed class MessageBufferTests
{
    [Theory]
    [InlineData(false, """{"id":1,"result":{"resultType":"complete"}}""")]
    [InlineData(true, """{"id":1,"result":{"content":[{"type":"text","text":"{"}],"resultType":"complete"}}""")]
    public void The_end_copied_after_the_writer_is_the_message_it_would_have_written(bool withMember, string expected)
    {
        var buffer = MessageBuffer.Rent();
        try
        {
            var w = buffer.Json;
            w.WriteStartObject();
            w.WriteNumber("id"u8, 1);
            w.WriteStartObject("result"u8);
            if (withMember)
            {
                // A member whose text ends in "{": the comma depends on the last byte written, which here is a quote.
                w.WriteStartArray("content"u8);
                w.WriteStartObject();
                w.WriteString("type"u8, "text");
                w.WriteString("text"u8, "{");
                w.WriteEndObject();
                w.WriteEndArray();
            }
            buffer.CompleteWith(",\"resultType\":\"complete\"}}"u8.ToArray());
            Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
            using var _ = JsonDocument.Parse(buffer.WrittenSpan.ToArray());
        }
        finally
        {
            buffer.Return();
        }
    }

    [Theory]
    [InlineData(false, """{"a":1,"s":12,"b":"x"}""")]
    [InlineData(true, """{"a":1,"s":12,"resultType":"complete"}""")]
    public void The_writer_goes_on_after_an_appended_member_as_after_its_own(bool completed, string expected)
    {
        var buffer = MessageBuffer.Rent();
        try
        {
            buffer.Json.WriteStartObject();
            buffer.Json.WriteNumber("a"u8, 1);
            buffer.AppendMember("\"s\":"u8, "12"u8);
            if (completed)
            {
                buffer.CompleteWith(",\"resultType\":\"complete\"}"u8.ToArray());
            }
            else
            {
                buffer.Json.WriteString("b"u8, "x");
                buffer.Json.WriteEndObject();
            }
            Assert.Equal(expected, Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        finally
        {
            buffer.Return();
        }
    }

    [Fact]
    public void An_end_that_takes_the_message_over_its_limit_is_refused_and_nothing_is_kept()
    {
        var buffer = MessageBuffer.Rent(limit: 30);
        try
        {
            buffer.Json.WriteStartObject();
            buffer.Json.WriteString("text"u8, "0123456789");
            Assert.Equal(20, buffer.WrittenSpan.Length); // {"text":"0123456789"
            var refused = Assert.Throws<ResponseTooLargeException>(() => buffer.CompleteWith(",\"resultType\":\"complete\"}"u8.ToArray()));
            Assert.Equal(30, refused.Limit);
            Assert.Equal(0, buffer.WrittenSpan.Length);
        }
        finally
        {
            buffer.Return();
        }
    }

    [Fact]
    public void A_buffer_cleared_after_an_end_was_copied_writes_its_next_message_from_the_start()
    {
        // Returning a buffer to the pool clears it this way; its writer must not remember the object the copied end closed.
        var buffer = MessageBuffer.Rent();
        try
        {
            buffer.Json.WriteStartObject();
            buffer.CompleteWith(",\"a\":1}"u8.ToArray());
            Assert.Equal("""{"a":1}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
            buffer.Clear();
            buffer.Json.WriteStartObject();
            buffer.Json.WriteNumber("b"u8, 2);
            buffer.Json.WriteEndObject();
            Assert.Equal("""{"b":2}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        finally
        {
            buffer.Return();
        }
    }

    [Theory]
    [InlineData(false, """{"result":{""", "\"resultType\":\"complete\"}}")]
    [InlineData(true, """{"result":{"n":1""", ",\"resultType\":\"complete\"}}")]
    public void The_end_is_kept_apart_until_the_message_is_read_whole(bool withMember, string body, string end)
    {
        // A sink that batches copies the two parts itself (IMcpSplitMessageSink); anyone else reads them joined, once.
        var buffer = MessageBuffer.Rent();
        try
        {
            buffer.Json.WriteStartObject();
            buffer.Json.WriteStartObject("result"u8);
            if (withMember) buffer.Json.WriteNumber("n"u8, 1);
            buffer.CompleteWith(",\"resultType\":\"complete\"}}"u8.ToArray());
            Assert.Equal(body, Encoding.UTF8.GetString(buffer.Body));
            Assert.Equal(end, Encoding.UTF8.GetString(buffer.End));

            Assert.Equal(body + end, Encoding.UTF8.GetString(buffer.WrittenSpan));
            Assert.True(buffer.End.IsEmpty);
            Assert.Equal(body + end, Encoding.UTF8.GetString(buffer.Body));
            Assert.Equal(body + end, Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        finally
        {
            buffer.Return();
        }
    }

    [Fact]
    public void An_end_that_just_fits_the_limit_is_kept()
    {
        var buffer = MessageBuffer.Rent(limit: 45);
        try
        {
            buffer.Json.WriteStartObject();
            buffer.Json.WriteString("text"u8, "0123456789");
            buffer.CompleteWith(",\"resultType\":\"complete\"}"u8.ToArray());
            Assert.Equal("""{"text":"0123456789","resultType":"complete"}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
            Assert.Equal(45, buffer.WrittenSpan.Length);
        }
        finally
        {
            buffer.Return();
        }
    }

    [Fact]
    public void A_buffer_cleared_with_an_end_kept_apart_forgets_it()
    {
        var buffer = MessageBuffer.Rent();
        try
        {
            buffer.Json.WriteStartObject();
            buffer.CompleteWith(",\"a\":1}"u8.ToArray());
            buffer.Clear();
            Assert.True(buffer.End.IsEmpty);
            buffer.Json.WriteStartObject();
            buffer.Json.WriteEndObject();
            Assert.Equal("{}", Encoding.UTF8.GetString(buffer.WrittenSpan));
        }
        finally
        {
            buffer.Return();
        }
    }
}
