using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Http.Resilience;
using OpenAI;
using Polly;
using Polly.CircuitBreaker;

namespace WorkBrain.Core.Engines.Pooled;

/// <summary>One remote engine of a pool: its client behind a resilience pipeline (retries with exponential backoff,
/// a per-attempt timeout, a circuit breaker), and what the pool knows of it (busy, healthy, why not).</summary>
public sealed class PoolMember : IDisposable
{
    private readonly Lock _gate = new();
    private readonly CircuitBreakerStateProvider _circuit = new();
    private readonly HttpClient _http;
    private readonly HttpClient _probe;
    private readonly RemoteEndpointOptions _endpoint;
    private int _inFlight;
    private long _requests;
    private long _failures;
    private string? _unhealthyReason;
    private string? _circuitReason;
    private DateTimeOffset? _lastFailureAt;

    public PoolMember(string capability, RemoteEndpointOptions endpoint, string model, EnginePoolOptions options)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        Capability = capability;
        _endpoint = endpoint;
        Url = endpoint.Url!.TrimEnd('/');
        Model = model;
        Name = string.IsNullOrWhiteSpace(endpoint.Name) ? new Uri(Url).Authority : endpoint.Name;

        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(1, options.Retries),
                Delay = TimeSpan.FromMilliseconds(options.RetryDelayMilliseconds),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldHandle = options.Retries == 0 ? _ => ValueTask.FromResult(false) : new HttpRetryStrategyOptions().ShouldHandle,
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(options.BreakerSamplingSeconds),
                BreakDuration = TimeSpan.FromSeconds(options.BreakSeconds),
                StateProvider = _circuit,
                OnOpened = args =>
                {
                    lock (_gate)
                    {
                        _circuitReason = Describe(args.Outcome.Exception, args.Outcome.Result);
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = TimeSpan.FromSeconds(options.AttemptTimeoutSeconds) })
            .Build();
        _http = new HttpClient(new ResilienceHandler(pipeline) { InnerHandler = new SocketsHttpHandler() })
        {
            Timeout = Timeout.InfiniteTimeSpan, // streams last as long as they last; attempts are timed by the pipeline
        };
        _probe = new HttpClient { Timeout = TimeSpan.FromSeconds(options.HealthTimeoutSeconds) };
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(Url),
            Transport = new HttpClientPipelineTransport(_http),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0), // the resilience pipeline retries
            NetworkTimeout = Timeout.InfiniteTimeSpan,
        };
        var key = string.IsNullOrWhiteSpace(endpoint.ApiKey) ? "none" : endpoint.ApiKey;
        Client = new OpenAIClient(new ApiKeyCredential(key), clientOptions).GetChatClient(model).AsIChatClient();
    }

    public string Capability { get; }

    public string Name { get; }

    public string Url { get; }

    public string Model { get; }

    public IChatClient Client { get; }

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Whether the pool should send it work: circuit not open and not marked unhealthy.</summary>
    public bool IsAvailable
    {
        get
        {
            var circuit = _circuit.CircuitState;
            lock (_gate)
            {
                return circuit is not (CircuitState.Open or CircuitState.Isolated) && _unhealthyReason is null;
            }
        }
    }

    public void Begin()
    {
        Interlocked.Increment(ref _inFlight);
        Interlocked.Increment(ref _requests);
    }

    public void End() => Interlocked.Decrement(ref _inFlight);

    public void Succeeded()
    {
        lock (_gate)
        {
            _unhealthyReason = null;
        }
    }

    /// <summary>A call failed (after the pipeline's retries) or timed out before its first token: skipped until a health check passes.</summary>
    public void Failed(string reason)
    {
        Interlocked.Increment(ref _failures);
        lock (_gate)
        {
            _unhealthyReason = reason;
            _lastFailureAt = DateTimeOffset.UtcNow;
        }
    }

    /// <summary>Asks the engine's <c>/models</c>; a healthy answer makes it available again.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        string? reason;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url + "/models");
            if (!string.IsNullOrWhiteSpace(_endpoint.ApiKey))
            {
                request.Headers.Authorization = new("Bearer", _endpoint.ApiKey);
            }

            using var response = await _probe.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            reason = response.IsSuccessStatusCode ? null : $"health check: HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            reason = ex is OperationCanceledException ? "health check: no answer within the timeout" : $"health check: {ex.Message}";
        }

        lock (_gate)
        {
            _unhealthyReason = reason;
            if (reason is not null)
            {
                _lastFailureAt = DateTimeOffset.UtcNow;
            }
        }
    }

    public EngineMemberStatus Status()
    {
        var circuit = _circuit.CircuitState;
        lock (_gate)
        {
            var (state, reason) = circuit switch
            {
                CircuitState.Open or CircuitState.Isolated => ("circuit open", _circuitReason ?? _unhealthyReason),
                CircuitState.HalfOpen => ("circuit half-open", _circuitReason),
                _ when _unhealthyReason is not null => ("unhealthy", _unhealthyReason),
                _ => ("healthy", (string?)null),
            };
            return new EngineMemberStatus(Capability, Name, Url, Model, state, reason, InFlight,
                Interlocked.Read(ref _requests), Interlocked.Read(ref _failures), _lastFailureAt);
        }
    }

    internal static string Describe(Exception? exception, HttpResponseMessage? response) => exception switch
    {
        Polly.Timeout.TimeoutRejectedException => "no response within the attempt timeout",
        HttpRequestException { StatusCode: { } code } e => $"HTTP {(int)code}: {e.Message}",
        HttpRequestException e => e.Message,
        ClientResultException e => $"HTTP {e.Status}: {e.Message}",
        BrokenCircuitException => "circuit open",
        { } e => e.Message,
        null when response is not null => $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}",
        _ => "unknown failure",
    };

    public void Dispose()
    {
        Client.Dispose();
        _http.Dispose();
        _probe.Dispose();
    }
}
