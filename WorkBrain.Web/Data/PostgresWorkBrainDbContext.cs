using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Pgvector;
using WorkBrain.Core.Documents.Storage;

namespace WorkBrain.Web.Data;

/// <summary>The app's database on PostgreSQL, chunk embeddings in a pgvector <c>vector</c> column (HNSW indexes per embedding
/// size are made by <see cref="DocumentStore"/> as sizes appear). Migrations: Data/Migrations/Postgres.</summary>
public sealed class PostgresWorkBrainDbContext(DbContextOptions<PostgresWorkBrainDbContext> options) : WorkBrainDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.HasPostgresExtension("vector");
        modelBuilder.Entity<ChunkEntity>().Property(c => c.Embedding)
            .HasConversion(new ValueConverter<float[]?, Vector?>(v => v == null ? null : new Vector(v), v => v == null ? null : v.ToArray()),
                DocumentModel.EmbeddingComparer)
            .HasColumnType("vector");
    }
}
