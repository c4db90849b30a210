using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using WorkBrain.Core.Experts;
using WorkBrain.Core.Orchestration;
using WorkBrain.Web.Accounts;
using WorkBrain.Web.Components.Layout;
using WorkBrain.Web.Conversations;
using WorkBrain.Web.Localization;
using WorkBrain.Web.RateLimiting;
using WorkBrain.Web.Uploads;

namespace WorkBrain.Web.Components.Pages.Chat;

/// <summary>The chat page owns the conversation. Answers run on the server (ConversationService); this page only
/// watches them, so leaving it or losing the connection never stops an answer.</summary>
public sealed partial class Chat
{
    private const int PageSize = 50;

    /// <summary>At most this many messages are rendered: older or newer pages beyond it are unloaded (and load
    /// again when scrolled to), so a session of thousands of messages keeps a small DOM and circuit.</summary>
    private const int MaxLoaded = 3 * PageSize;

    private readonly CancellationTokenSource _disposed = new();
    private List<MessageView> _messages = [];
    private IReadOnlyList<SessionSummary> _sessions = [];
    private MessageView? _streaming;
    private MessageItem? _streamingItem;
    private ChatInput? _input;
    private bool _isAdmin;
    private SpeechReadiness _speech = new(false, null);
    private bool _scrollToEnd;
    private ElementReference _scroller;
    private CancellationTokenSource? _watch;
    private string? _loadedSessionId;
    private string? _title;
    private string? _error;
    private string _search = "";
    private bool _hasEarlier;
    private bool _hasLater;
    private DotNetObjectReference<Chat>? _self;
    private bool _drawerOpen = true;
    private bool _signedIn;
    private bool _readAloud;
    private string _userId = "";
    private List<WorkBrain.Core.Turns.Attachment> _pending = [];

    [Parameter] public string? SessionId { get; set; }

    [CascadingParameter] public MainLayout? Layout { get; set; }

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private ConversationService Conversations { get; set; } = default!;

    [Inject] private ChatStore Store { get; set; } = default!;

    [Inject] private CurrentUser CurrentUser { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private UploadService Uploads { get; set; } = default!;

    [Inject] private Microsoft.Extensions.Options.IOptions<UploadOptions> UploadOptions { get; set; } = default!;

    [Inject] private WorkBrain.Core.Files.IFileStore Files { get; set; } = default!;

    [Inject] private IStringLocalizer<Strings> L { get; set; } = default!;

    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    [Inject] private ExpertRegistry Experts { get; set; } = default!;

    /// <summary>Whether the microphone can be offered, and if not, what is missing (the details for admins only).</summary>
    private sealed record SpeechReadiness(bool Ready, string? Reason);

    protected override async Task OnInitializedAsync()
    {
        var principal = AuthenticationState is null ? null : (await AuthenticationState).User;
        _userId = CurrentUser.IdOf(principal);
        _signedIn = principal?.Identity?.IsAuthenticated == true;
        _isAdmin = principal is not null && (await Authorization.AuthorizeAsync(principal, AdminRequirement.Policy)).Succeeded;
        _speech = SpeechStatus();
        await RefreshSessionsAsync();
    }

    protected override async Task OnParametersSetAsync()
    {
        if (SessionId == _loadedSessionId)
        {
            return;
        }

        StopWatching();
        _loadedSessionId = SessionId;
        _streaming = null;
        _error = null;
        _hasLater = false;
        if (SessionId is null)
        {
            _messages = [];
            _title = null;
            _hasEarlier = false;
            return;
        }

        var session = await Store.GetSessionAsync(_userId, SessionId, _disposed.Token);
        var messages = session is null ? null : await Store.LoadMessagesAsync(_userId, SessionId, PageSize + 1, cancellationToken: _disposed.Token);
        if (session is null || messages is null)
        {
            _messages = [];
            _title = null;
            _error = L["Chat.NotFound"];
            return;
        }

        // The list is complete (with its live answer) before it is shown: a render while IsLiveAsync is awaited (any event
        // callback re-renders the page) would otherwise show the database's snapshot of the answer under the live one's key.
        var loaded = messages.Skip(Math.Max(0, messages.Count - PageSize)).ToList();
        var live = await LiveViewOfLastAsync(loaded);
        _title = L.SessionTitle(session.Title);
        _hasEarlier = messages.Count > PageSize;
        _messages = loaded;
        if (live is not null)
        {
            BeginWatching(live);
        }
    }

    /// <summary>When the last message is an answer still being written, puts in its place an empty view that the watch
    /// fills from the first event on, and returns it.</summary>
    private async Task<MessageView?> LiveViewOfLastAsync(List<MessageView> messages)
    {
        if (messages.LastOrDefault() is not { IsStreaming: true } last || !await Conversations.IsLiveAsync(last.Id, _disposed.Token))
        {
            return null;
        }

        var live = new MessageView { Id = last.Id, Role = last.Role, Sequence = last.Sequence, Status = last.Status };
        messages[^1] = live;
        return live;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // The choice lives in this browser (localStorage), so it is read once the page is interactive.
            _readAloud = await JS.InvokeAsync<bool>("workbrainAudio.isReadAloud");
            if (_readAloud)
            {
                StateHasChanged();
            }
        }

        _self ??= DotNetObjectReference.Create(this);
        await JS.InvokeVoidAsync("workbrainChat.enhance", _scroller, _self);
        if (_scrollToEnd)
        {
            // The user just sent something: show it, even if they had scrolled up to read.
            _scrollToEnd = false;
            await JS.InvokeVoidAsync("workbrainChat.scrollToEnd", _scroller);
        }
    }

    private SpeechReadiness SpeechStatus()
    {
        var status = Experts.Find(ExpertIds.Asr)?.GetStatus();
        if (status is { IsAvailable: true })
        {
            return new(true, null);
        }

        var reason = L["Chat.MicUnavailable"].Value;
        return new(false, _isAdmin && status is not null ? $"{reason} {L.Core(status.Detail)}" : reason);
    }

    private void PickSuggestion(string text) => _input?.SetText(text);

    private async Task NewChatAsync()
    {
        NewChat();
        await CloseDrawerOnPhoneAsync(null);
    }

    /// <summary>On a phone the drawer covers the chat: picking a chat closes it.</summary>
    private async Task CloseDrawerOnPhoneAsync(string? _)
    {
        if (await JS.InvokeAsync<bool>("workbrainUi.isNarrow"))
        {
            _drawerOpen = false;
        }
    }

    private async Task ToggleReadAloudAsync()
    {
        _readAloud = !_readAloud;
        await JS.InvokeVoidAsync("workbrainAudio.setReadAloud", _readAloud);
    }

    private async Task SendAsync(ChatSubmission submission)
    {
        _error = null;
        try
        {
            var attachments = submission.Attachments.ToList();
            _pending = [];
            var started = await Conversations.AskAsync(_userId, SessionId, submission.Text, attachments, readAloud: _readAloud, cancellationToken: _disposed.Token);
            _scrollToEnd = true;
            await ShowStartedAsync(started, appendUser: true);
        }
        catch (Exception ex) when (ex is ArgumentException or SessionNotFoundException or RateLimitExceededException)
        {
            _error = ex is SessionNotFoundException ? L["Chat.NotFound"] : L.CoreForUser(ex.Message) ?? L["Error.Generic"];
        }
    }

    /// <summary>An error the input or the recorder reported, in the reader's language.</summary>
    private void ShowError(string message) => _error = L.CoreForUser(message) ?? L["Error.Generic"];

    private async Task AttachAsync(InputFileChangeEventArgs e)
    {
        _error = null;
        foreach (var file in e.GetMultipleFiles(UploadOptions.Value.MaxFilesPerMessage))
        {
            try
            {
                await using var stream = file.OpenReadStream(UploadOptions.Value.MaxAnyBytes + 1, _disposed.Token);
                _pending.Add(await Uploads.SaveAsync(_userId, file.Name, file.ContentType, stream, _disposed.Token));
            }
            catch (UploadRejectedException ex)
            {
                _error = L.CoreForUser(ex.Message) ?? L["Error.Generic"];
            }
            catch (IOException)
            {
                _error = L["Chat.FileUnreadable", file.Name];
            }
        }
    }

    /// <summary>The recorder uploaded a voice message: send it at once; its transcript becomes the user's words.</summary>
    private async Task SendVoiceAsync(string uploadJson)
    {
        if (FromUpload(uploadJson, L["Chat.VoiceMessage"], WorkBrain.Core.Turns.AttachmentKind.Audio, L["Chat.RecordingNotSaved"]) is { } attachment)
        {
            await SendAsync(new ChatSubmission("", [.. _pending, attachment]));
        }
    }

    /// <summary>Long pasted text was uploaded by the page script: it waits with the other attachments.</summary>
    private Task AttachUploadedAsync(string uploadJson)
    {
        if (FromUpload(uploadJson, null, WorkBrain.Core.Turns.AttachmentKind.Document, L["Chat.PasteNotSaved"]) is { } attachment)
        {
            _pending.Add(attachment);
        }

        return Task.CompletedTask;
    }

    /// <summary>The user's stored file named by an upload's JSON answer, or null with <see cref="_error"/> set.</summary>
    private WorkBrain.Core.Turns.Attachment? FromUpload(string uploadJson, string? name, WorkBrain.Core.Turns.AttachmentKind kind, string failure)
    {
        using var json = System.Text.Json.JsonDocument.Parse(uploadJson);
        if (json.RootElement.TryGetProperty("error", out var error))
        {
            _error = L.CoreForUser(error.GetString()) ?? L["Error.Generic"];
            return null;
        }

        var stored = json.RootElement.TryGetProperty("fileId", out var fileId) ? Files.Find(fileId.GetString() ?? "", _userId) : null;
        if (stored is null)
        {
            _error = failure;
            return null;
        }

        name ??= json.RootElement.TryGetProperty("fileName", out var fileName) ? fileName.GetString() : null;
        return new WorkBrain.Core.Turns.Attachment(name ?? stored.Id, stored.ContentType, kind, stored.Path, stored.Length) { FileId = stored.Id };
    }

    private async Task RegenerateAsync() => await RerunAsync(null);

    private async Task RerunAsync(string? expert)
    {
        if (SessionId is null)
        {
            return;
        }

        try
        {
            var started = await Conversations.RegenerateAsync(_userId, SessionId, expert is null ? null : [expert], _readAloud, _disposed.Token);
            if (started is not null)
            {
                await ShowStartedAsync(started, appendUser: false);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or SessionNotFoundException or RateLimitExceededException)
        {
            _error = ex is SessionNotFoundException ? L["Chat.NotFound"] : L.CoreForUser(ex.Message) ?? L["Error.Generic"];
        }
    }

    private async Task ShowStartedAsync(ConversationService.StartedTurn started, bool appendUser)
    {
        StopWatching();
        if (started.SessionId != SessionId)
        {
            // A new chat: adopt its id before navigating so the page does not reload what it already shows.
            _loadedSessionId = started.SessionId;
            SessionId = started.SessionId;
            _messages = [];
            Navigation.NavigateTo($"c/{started.SessionId}");
            var session = await Store.GetSessionAsync(_userId, started.SessionId, _disposed.Token);
            _title = session is null ? null : L.SessionTitle(session.Title);
        }

        if (_hasLater)
        {
            // The user had scrolled far back: show the newest page again, the new turn continues it.
            var newest = await Store.LoadMessagesAsync(_userId, started.SessionId, PageSize + 1, started.User.Sequence, _disposed.Token) ?? [];
            _hasEarlier = newest.Count > PageSize;
            _hasLater = false;
            _messages = newest.Skip(Math.Max(0, newest.Count - PageSize)).ToList();
            if (!appendUser)
            {
                _messages.Add(started.User);
            }
        }

        if (appendUser)
        {
            _messages.Add(started.User);
        }
        else
        {
            _messages.RemoveAll(m => m.Sequence > started.User.Sequence);
        }

        _messages.Add(started.Assistant);
        BeginWatching(started.Assistant);
        await RefreshSessionsAsync();
    }

    private void BeginWatching(MessageView message)
    {
        if (_disposed.IsCancellationRequested)
        {
            return; // the page went away while it loaded: nobody to show the answer to
        }

        _streaming = message;
        _watch = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
        _ = WatchAsync(message, _watch.Token);
    }

    private async Task WatchAsync(MessageView message, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in Conversations.WatchAsync(_userId, message.Id, 0, cancellationToken))
            {
                message.Apply(e);
                if (e is WorkBrain.Core.Events.AudioReady audio && _readAloud)
                {
                    // Spoken in order as each sentence's audio arrives, while the rest is still being written.
                    await JS.InvokeVoidAsync("workbrainAudio.enqueue", cancellationToken, audio.Url);
                }

                if (e is WorkBrain.Core.Events.Transcribed transcribed
                    && _messages.LastOrDefault(m => m.IsUser && m.Sequence < message.Sequence) is { } user)
                {
                    // The transcript is the user's message (the database gets it too, see MessageEventWriter).
                    user.Text = string.IsNullOrWhiteSpace(user.Text) ? transcribed.Text : user.Text + "\n" + transcribed.Text;
                    user.Touch();
                    await InvokeAsync(StateHasChanged);
                }

                if (_streamingItem?.Message == message)
                {
                    _streamingItem.NotifyChanged();
                }
                else
                {
                    // The item of this answer is not (yet) the one the page holds: render the page, which renders it.
                    StateHasChanged();
                }
            }

            var final = await Store.LoadMessageAsync(_userId, message.Id, cancellationToken);
            var index = _messages.IndexOf(message);
            if (final is not null && index >= 0)
            {
                _messages[index] = final;
            }

            if (_streaming == message)
            {
                _streaming = null;
            }

            StateHasChanged();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task StopAsync()
    {
        if (_streaming is { } message)
        {
            await Conversations.StopAsync(_userId, message.Id);
        }
    }

    private async Task LoadEarlierAsync()
    {
        if (SessionId is null || _messages.Count == 0)
        {
            return;
        }

        var earlier = await Store.LoadMessagesAsync(_userId, SessionId, PageSize + 1, _messages[0].Sequence, _disposed.Token) ?? [];
        _hasEarlier = earlier.Count > PageSize;
        _messages.InsertRange(0, earlier.Skip(Math.Max(0, earlier.Count - PageSize)));
        if (_messages.Count > MaxLoaded && _streaming is null)
        {
            // Unload the newest pages; they load again when the user scrolls back down. A streaming answer is
            // never unloaded: it is kept with everything up to it.
            _messages.RemoveRange(MaxLoaded, _messages.Count - MaxLoaded);
            _hasLater = true;
        }
    }

    private async Task LoadLaterAsync()
    {
        if (SessionId is null || _messages.Count == 0 || !_hasLater)
        {
            return;
        }

        var later = await Store.LoadMessagesAfterAsync(_userId, SessionId, _messages[^1].Sequence, PageSize + 1, _disposed.Token) ?? [];
        var hasLater = later.Count > PageSize;
        var added = later.Take(PageSize).ToList();
        var live = hasLater ? null : await LiveViewOfLastAsync(added);
        _hasLater = hasLater;
        _messages.AddRange(added);
        if (_messages.Count > MaxLoaded)
        {
            _messages.RemoveRange(0, _messages.Count - MaxLoaded);
            _hasEarlier = true;
        }

        if (live is not null)
        {
            BeginWatching(live);
        }
    }

    /// <summary>chat.js saw the top of the list come near while scrolling up.</summary>
    [JSInvokable]
    public async Task<bool> LoadEarlierFromScroll()
    {
        if (!_hasEarlier)
        {
            return false;
        }

        await LoadEarlierAsync();
        StateHasChanged();
        return _hasEarlier;
    }

    /// <summary>chat.js saw the bottom of an unloaded-newer list come near while scrolling down.</summary>
    [JSInvokable]
    public async Task<bool> LoadLaterFromScroll()
    {
        if (!_hasLater)
        {
            return false;
        }

        await LoadLaterAsync();
        StateHasChanged();
        return _hasLater;
    }

    private void NewChat()
    {
        StopWatching();
        Navigation.NavigateTo("");
    }

    private async Task DeleteAsync(string id)
    {
        if (id == SessionId && _streaming is { } message)
        {
            await Conversations.StopAsync(_userId, message.Id);
        }

        await Store.DeleteSessionAsync(_userId, id, _disposed.Token);
        await RefreshSessionsAsync();
        if (id == SessionId)
        {
            NewChat();
        }
    }

    private async Task RenameAsync((string Id, string Title) rename)
    {
        await Store.RenameSessionAsync(_userId, rename.Id, rename.Title, _disposed.Token);
        if (rename.Id == SessionId)
        {
            _title = L.SessionTitle(ChatStore.TitleFrom(rename.Title));
        }

        await RefreshSessionsAsync();
    }

    private async Task SearchAsync(string search)
    {
        _search = search;
        await RefreshSessionsAsync();
    }

    private async Task RefreshSessionsAsync() =>
        _sessions = await Store.ListSessionsAsync(_userId, _search, _disposed.Token);

    private void StopWatching()
    {
        _watch?.Cancel();
        _watch = null;
        _streaming = null;
    }

    public void Dispose()
    {
        // Leaving the page stops watching, never the answer: it goes on and is saved on the server.
        // The source is cancelled, not disposed: work the page started (a load, a watch, a JS callback) may still be on its
        // way after the circuit is torn down (a host that stops tears down every circuit), and reading Token from a disposed
        // source throws ObjectDisposedException. It holds no timer, so there is nothing to release.
        _disposed.Cancel();
        _self?.Dispose();
    }
}
