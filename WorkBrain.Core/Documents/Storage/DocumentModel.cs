using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace WorkBrain.Core.Documents.Storage;

/// <summary>The <c>documents</c> and <c>chunks</c> tables, configured into the app's one model. Names match the tables the
/// earlier hand-written store created, so an existing SQLite file is adopted as it is.</summary>
public static class DocumentModel
{
    public static ModelBuilder AddDocuments(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<DocumentEntity>(e =>
        {
            e.ToTable("documents");
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).HasColumnName("id");
            e.Property(d => d.UserId).HasColumnName("user_id");
            e.Property(d => d.FileName).HasColumnName("file_name");
            e.Property(d => d.ContentType).HasColumnName("content_type");
            e.Property(d => d.Sha256).HasColumnName("sha256");
            e.Property(d => d.Status).HasColumnName("status").HasConversion<string>();
            e.Property(d => d.Error).HasColumnName("error");
            e.Property(d => d.Pages).HasColumnName("pages").HasDefaultValue(0);
            e.Property(d => d.CreatedAt).HasColumnName("created_at");
            e.Property(d => d.FileId).HasColumnName("file_id");
            e.Property(d => d.Owner).HasColumnName("owner");
            e.Property(d => d.LeaseExpires).HasColumnName("lease_expires");
            e.HasIndex(d => d.Status).HasDatabaseName("ix_documents_status");
            e.HasIndex(d => new { d.UserId, d.Sha256 }).HasDatabaseName("ix_documents_user");
        });
        modelBuilder.Entity<ChunkEntity>(e =>
        {
            e.ToTable("chunks");
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).HasColumnName("id").ValueGeneratedOnAdd();
            e.Property(c => c.DocumentId).HasColumnName("document_id");
            e.Property(c => c.UserId).HasColumnName("user_id");
            e.Property(c => c.Ordinal).HasColumnName("ordinal");
            e.Property(c => c.Anchor).HasColumnName("anchor");
            e.Property(c => c.Text).HasColumnName("text");
            e.Property(c => c.Embedding).HasColumnName("embedding");
            e.HasIndex(c => c.UserId).HasDatabaseName("ix_chunks_user");
            e.HasIndex(c => c.DocumentId).HasDatabaseName("ix_chunks_document");
        });
        return modelBuilder;
    }

    /// <summary>Embeddings as a BLOB of floats (SQLite): the in-memory index scores them.</summary>
    public static ModelBuilder UseBlobEmbeddings(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<ChunkEntity>().Property(c => c.Embedding)
            .HasConversion(new ValueConverter<float[]?, byte[]?>(v => ToBytes(v), b => ToFloats(b)), EmbeddingComparer)
            .HasColumnType("BLOB");
        return modelBuilder;
    }

    private static byte[]? ToBytes(float[]? v) => v == null ? null : MemoryMarshal.AsBytes(v.AsSpan()).ToArray();

    private static float[]? ToFloats(byte[]? b) => b == null ? null : MemoryMarshal.Cast<byte, float>(b.AsSpan()).ToArray();

    private static bool SameFloats(float[]? a, float[]? b) => a == null ? b == null : b != null && a.AsSpan().SequenceEqual(b);

    /// <summary>Chunks are written once; comparing embeddings by content is only for the change tracker's sake.</summary>
    public static readonly ValueComparer<float[]?> EmbeddingComparer = new(
        (a, b) => SameFloats(a, b),
        v => v == null ? 0 : v.Length,
        v => v == null ? null : v.ToArray());
}
