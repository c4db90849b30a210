using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Core.Tools;

public sealed class ToolsOptions
{
    public const string Section = "Tools";

    /// <summary>The zone for "what time is it" when none is named: an IANA/Windows id or offset; empty for the server's zone.</summary>
    public string? DefaultTimeZone { get; set; }

    /// <summary>Admin-configured HTTP services offered as tools.</summary>
    public List<HttpServiceOptions> Http { get; set; } = [];

    /// <summary>Model Context Protocol servers whose tools are offered as tools.</summary>
    public List<McpServerOptions> Mcp { get; set; } = [];

    /// <summary>How many tool-calling rounds a text model may take for one request.</summary>
    [Range(1, 20)]
    public int MaxToolRounds { get; set; } = 5;
}

/// <summary>One HTTP service: its URL template's {placeholders} are the tool's parameters.</summary>
public sealed class HttpServiceOptions
{
    /// <summary>The tool's name (letters, digits, _ and -), also the word that routes a request to it without a text model.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9_\\-]{1,64}$")]
    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>e.g. https://api.example.com/weather?city={city}; each value is URL-encoded.</summary>
    [Required]
    public string UrlTemplate { get; set; } = "";

    [RegularExpression("^(GET|POST|PUT|DELETE|PATCH)$", ErrorMessage = "Tools:Http:Method must be GET, POST, PUT, DELETE or PATCH.")]
    public string Method { get; set; } = "GET";

    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>Optional body for POST/PUT/PATCH with {placeholders} (JSON-escaped); when empty the arguments are sent as a JSON object.</summary>
    public string? BodyTemplate { get; set; }

    /// <summary>Hosts the expanded URL may point at ("api.example.com", "*.example.com"); when empty, the template's own host.</summary>
    public List<string> AllowedHosts { get; set; } = [];

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 15;

    [Range(100, 100_000)]
    public int MaxResponseChars { get; set; } = 4000;

    /// <summary>Other words that route a request to this service without a text model (e.g. 天气 for "weather").</summary>
    public List<string> Keywords { get; set; } = [];
}

/// <summary>An MCP server: a local command speaking stdio, or a remote URL (Streamable HTTP / SSE).</summary>
public sealed class McpServerOptions
{
    [Required]
    public string Name { get; set; } = "";

    /// <summary>Executable for a stdio server, e.g. "npx" or "uvx".</summary>
    public string? Command { get; set; }

    public List<string> Arguments { get; set; } = [];

    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>URL of a remote server.</summary>
    public string? Url { get; set; }

    public Dictionary<string, string> Headers { get; set; } = [];

    [Range(1, 600)]
    public int TimeoutSeconds { get; set; } = 30;
}
