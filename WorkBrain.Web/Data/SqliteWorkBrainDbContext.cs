using Microsoft.EntityFrameworkCore;
using WorkBrain.Core.Documents.Storage;

namespace WorkBrain.Web.Data;

/// <summary>The app's database on SQLite (the default: one file under the data directory). Migrations: Data/Migrations/Sqlite.</summary>
public sealed class SqliteWorkBrainDbContext(DbContextOptions<SqliteWorkBrainDbContext> options) : WorkBrainDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseBlobEmbeddings();
    }
}
