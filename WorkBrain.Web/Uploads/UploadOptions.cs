using System.ComponentModel.DataAnnotations;

namespace WorkBrain.Web.Uploads;

public sealed class UploadOptions
{
    public const string Section = "Uploads";

    [Range(1, long.MaxValue)]
    public long MaxImageBytes { get; set; } = 20L * 1024 * 1024;

    [Range(1, long.MaxValue)]
    public long MaxAudioBytes { get; set; } = 50L * 1024 * 1024;

    [Range(1, long.MaxValue)]
    public long MaxVideoBytes { get; set; } = 200L * 1024 * 1024;

    [Range(1, long.MaxValue)]
    public long MaxDocumentBytes { get; set; } = 50L * 1024 * 1024;

    [Range(1, 20)]
    public int MaxFilesPerMessage { get; set; } = 5;

    public long MaxAnyBytes => Math.Max(Math.Max(MaxImageBytes, MaxAudioBytes), Math.Max(MaxVideoBytes, MaxDocumentBytes));

    public long LimitFor(Core.Turns.AttachmentKind kind) => kind switch
    {
        Core.Turns.AttachmentKind.Image => MaxImageBytes,
        Core.Turns.AttachmentKind.Audio => MaxAudioBytes,
        Core.Turns.AttachmentKind.Video => MaxVideoBytes,
        _ => MaxDocumentBytes,
    };
}
