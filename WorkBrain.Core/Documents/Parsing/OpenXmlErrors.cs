using DocumentFormat.OpenXml.Packaging;

namespace WorkBrain.Core.Documents.Parsing;

internal static class OpenXmlErrors
{
    /// <summary>Runs <paramref name="read"/> and turns the packaging library's failures into a message the user can act on.</summary>
    public static T Guard<T>(string kind, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException or InvalidOperationException or ArgumentException or NullReferenceException)
        {
            throw new DocumentException($"The file is not a valid {kind} document (it may be damaged): {ex.Message}", ex);
        }
    }
}
