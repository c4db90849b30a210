using System.IO.Compression;
using WorkBrain.Core.Turns;
using WorkBrain.Web.Uploads;

namespace WorkBrain.Tests.Web.Uploads;

public sealed class FileSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, AttachmentKind.Image, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10 }, AttachmentKind.Image, "image/jpeg")]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 0, 0, 0, 0, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, AttachmentKind.Audio, "audio/wav")]
    [InlineData(new byte[] { (byte)'%', (byte)'P', (byte)'D', (byte)'F', (byte)'-', (byte)'1' }, AttachmentKind.Document, "application/pdf")]
    [InlineData(new byte[] { (byte)'O', (byte)'g', (byte)'g', (byte)'S', 0 }, AttachmentKind.Audio, "audio/ogg")]
    public void Sniff_KnownMagicBytes_AreRecognisedWhateverTheName(byte[] head, AttachmentKind kind, string type)
    {
        var sniffed = FileSniffer.Sniff(head, "application/octet-stream", "misnamed.txt");

        Assert.Equal(new FileSniffer.Sniffed(kind, type), sniffed);
    }

    [Fact]
    public void Sniff_WebmContainer_UsesTheDeclaredTypeToTellAudioFromVideo()
    {
        byte[] ebml = [0x1A, 0x45, 0xDF, 0xA3, 0x9F];

        Assert.Equal(AttachmentKind.Audio, FileSniffer.Sniff(ebml, "audio/webm;codecs=opus", "recording.webm")!.Kind);
        Assert.Equal(AttachmentKind.Video, FileSniffer.Sniff(ebml, "video/webm", "clip.webm")!.Kind);
    }

    [Fact]
    public void Sniff_BinaryNamedAsImage_IsRejected()
    {
        byte[] junk = [0x00, 0x13, 0x37, 0x00, 0xFE, 0x01, 0x02, 0x00];

        Assert.Null(FileSniffer.Sniff(junk, "image/png", "photo.png"));
    }

    [Fact]
    public void Sniff_ChineseText_IsADocument()
    {
        var head = "春天来了，万物复苏。\nSpring is here."u8.ToArray();

        Assert.Equal(new FileSniffer.Sniffed(AttachmentKind.Document, "text/markdown"), FileSniffer.Sniff(head, null, "notes.md"));
    }

    [Fact]
    public void Sniff_OfficeZip_IsTellsDocxFromAPlainZip()
    {
        static byte[] Zip(params string[] entries)
        {
            using var ms = new MemoryStream();
            using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var e in entries)
                {
                    zip.CreateEntry(e);
                }
            }

            return ms.ToArray();
        }

        var docx = Zip("[Content_Types].xml", "word/document.xml");
        var plain = Zip("a.txt");

        Assert.Equal(AttachmentKind.Document, FileSniffer.Sniff(docx, null, "x.bin", () => new MemoryStream(docx))!.Kind);
        Assert.Null(FileSniffer.Sniff(plain, null, "x.docx", () => new MemoryStream(plain)));
    }
}
