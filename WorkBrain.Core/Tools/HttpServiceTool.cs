using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace WorkBrain.Core.Tools;

/// <summary>An admin-configured HTTP service as an <see cref="AIFunction"/>: the URL template's placeholders are string
/// parameters, values are URL-encoded, the expanded URL must point at an allowed host, the call has a timeout,
/// and the model or user gets an excerpt of the response.</summary>
public sealed partial class HttpServiceTool : AIFunction
{
    private readonly HttpServiceOptions _options;
    private readonly HttpClient _http;
    private readonly JsonElement _schema;

    public HttpServiceTool(HttpServiceOptions options, HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        _options = options;
        _http = http;
        Parameters = Placeholder().Matches(options.UrlTemplate + " " + options.BodyTemplate)
            .Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();
        _schema = BuildSchema(Parameters);
    }

    public IReadOnlyList<string> Parameters { get; }

    public HttpServiceOptions Options => _options;

    public override string Name => _options.Name;

    public override string Description => string.IsNullOrWhiteSpace(_options.Description)
        ? $"Calls the {_options.Name} service ({_options.Method} {_options.UrlTemplate})."
        : _options.Description;

    public override JsonElement JsonSchema => _schema;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in Parameters)
        {
            values[p] = arguments.TryGetValue(p, out var v) ? ToText(v) : "";
        }

        return await CallAsync(values, cancellationToken);
    }

    /// <summary>Calls the service; failures come back as text the user or model can read (wrong host, timeout, HTTP error).</summary>
    public async Task<string> CallAsync(IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var missing = Parameters.Where(p => !values.TryGetValue(p, out var v) || string.IsNullOrWhiteSpace(v)).ToList();
        if (missing.Count > 0)
        {
            return $"Error: the {Name} service needs {string.Join(", ", missing)}.";
        }

        var url = Expand(_options.UrlTemplate, p => Uri.EscapeDataString(values[p]));
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"Error: the {Name} service's URL '{url}' is not an http(s) URL.";
        }

        if (!IsAllowed(uri.Host))
        {
            return $"Error: the {Name} service may not call host '{uri.Host}'; it is not in Tools:Http:AllowedHosts.";
        }

        using var request = new HttpRequestMessage(new HttpMethod(_options.Method), uri);
        if (_options.Method is "POST" or "PUT" or "PATCH")
        {
            var body = string.IsNullOrWhiteSpace(_options.BodyTemplate)
                ? JsonSerializer.Serialize(values)
                : Expand(_options.BodyTemplate, p => JsonEncodedText.Encode(values[p]).ToString());
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var (name, value) in _options.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var excerpt = await ReadExcerptAsync(response.Content, _options.MaxResponseChars, timeout.Token);
            var status = $"{(int)response.StatusCode} {response.ReasonPhrase}";
            return response.IsSuccessStatusCode
                ? $"HTTP {status}\n{excerpt}"
                : $"Error: the {Name} service answered HTTP {status}.\n{excerpt}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"Error: the {Name} service did not answer within {_options.TimeoutSeconds} s.";
        }
        catch (HttpRequestException e)
        {
            return $"Error: the {Name} service could not be reached ({e.Message}).";
        }
    }

    internal bool IsAllowed(string host)
    {
        var allowed = _options.AllowedHosts.Count > 0 ? _options.AllowedHosts : TemplateHost();
        foreach (var pattern in allowed)
        {
            if (pattern.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(pattern[1..], StringComparison.OrdinalIgnoreCase)
                : string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private List<string> TemplateHost()
    {
        // The literal host of the template, unless a placeholder is part of it.
        var t = _options.UrlTemplate;
        var schemeEnd = t.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            return [];
        }

        var rest = t[(schemeEnd + 3)..];
        var hostEnd = rest.IndexOfAny(['/', '?', '#', ':']);
        var host = hostEnd < 0 ? rest : rest[..hostEnd];
        return host.Length == 0 || host.Contains('{', StringComparison.Ordinal) ? [] : [host];
    }

    private static async Task<string> ReadExcerptAsync(HttpContent content, int maxChars, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var charset = content.Headers.ContentType?.CharSet;
        Encoding encoding;
        try
        {
            encoding = string.IsNullOrWhiteSpace(charset) ? Encoding.UTF8 : Encoding.GetEncoding(charset.Trim('"'));
        }
        catch (ArgumentException)
        {
            encoding = Encoding.UTF8;
        }

        using var reader = new StreamReader(stream, encoding);
        var buffer = new char[maxChars + 1];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await reader.ReadAsync(buffer.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        var text = new string(buffer, 0, Math.Min(read, maxChars)).Trim();
        return read > maxChars ? text + "\n… (truncated)" : text;
    }

    private static string Expand(string template, Func<string, string> value) =>
        Placeholder().Replace(template, m => value(m.Groups[1].Value));

    private static string ToText(object? value) => value switch
    {
        null => "",
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString() ?? "",
        JsonElement e => e.GetRawText(),
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
    };

    private static JsonElement BuildSchema(IReadOnlyList<string> parameters)
    {
        var properties = parameters.ToDictionary(p => p, p => (object)new Dictionary<string, string> { ["type"] = "string", ["description"] = p });
        var schema = new Dictionary<string, object> { ["type"] = "object", ["properties"] = properties, ["required"] = parameters };
        return JsonSerializer.SerializeToElement(schema);
    }

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
