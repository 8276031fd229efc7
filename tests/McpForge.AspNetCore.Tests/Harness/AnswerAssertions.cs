using System.Net;
using System.Text.Json;

namespace McpForge.AspNetCore.Tests.Harness;

/// <summary>What the HTTP tests read and assert of a JSON answer (<see cref="McpAnswer"/>, shared by every test project).</summary>
internal static class AnswerAssertions
{
    extension(McpAnswer answer)
    {
        /// <summary>The body as JSON: a JSON answer's message.</summary>
        public JsonElement Json => JsonDocument.Parse(answer.Body).RootElement.Clone();

        /// <summary>The <c>result</c> of a JSON answer; fails when it is an error.</summary>
        public JsonElement Result
        {
            get
            {
                Assert.True(answer.Json.TryGetProperty("result", out var result), "expected a result, got: " + answer.Body);
                return result;
            }
        }

        /// <summary>
        /// Asserts an error answer: its HTTP status, its JSON-RPC code, and the request id echoed with the same JSON type
        /// (<paramref name="id"/> raw, <c>1</c> or <c>"a"</c>); returns the error object.
        /// </summary>
        public JsonElement AssertError(HttpStatusCode status, int code, string id)
        {
            Assert.True(answer.Status == status, $"expected HTTP {(int)status}, got {(int)answer.Status}: {answer.Body}");
            Assert.Equal("application/json", answer.MediaType);
            var json = answer.Json;
            Assert.Equal("2.0", json.GetProperty("jsonrpc").GetString());
            Assert.Equal(id, json.GetProperty("id").GetRawText());
            Assert.False(json.TryGetProperty("result", out _), answer.Body);
            var error = json.GetProperty("error");
            Assert.True(code == error.GetProperty("code").GetInt32(), $"expected code {code}: {answer.Body}");
            Assert.Null(answer.SessionId);
            return error;
        }
    }
}
