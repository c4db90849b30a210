using Microsoft.EntityFrameworkCore;

namespace WorkBrain.Core.Documents.Storage;

/// <summary>The app's database as the document store sees it: a context whose model includes <see cref="DocumentModel"/>,
/// on whichever provider is configured. The web app's context factory implements it.</summary>
public interface IDocumentDbContextFactory
{
    Task<DbContext> CreateDocumentContextAsync(CancellationToken cancellationToken);
}
