namespace WorkBrain.Core.Speech.Audio;

/// <summary>Audio that arrives as a stream, written to a temporary file for ffmpeg and whisper and deleted afterwards.</summary>
internal static class TemporaryAudioFile
{
    public static async Task<T> UseAsync<T>(Stream audio, string prefix, Func<string, Task<T>> work, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        try
        {
            await using (var file = File.Create(temp))
            {
                await audio.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            return await work(temp).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
