using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WorkBrain.Core.Documents.Storage;

namespace WorkBrain.Web.Data;

/// <summary>Accounts (ASP.NET Core Identity), sessions, messages, their parts, API keys, documents and chunks, in one database.
/// One subclass per provider (<see cref="SqliteWorkBrainDbContext"/>, <see cref="PostgresWorkBrainDbContext"/>) owns that
/// provider's migrations; the rest of the app only sees this type.</summary>
public abstract class WorkBrainDbContext(DbContextOptions options) : IdentityDbContext<IdentityUser, IdentityRole, string>(options)
{
    public DbSet<ChatSessionEntity> Sessions => Set<ChatSessionEntity>();

    public DbSet<ChatMessageEntity> Messages => Set<ChatMessageEntity>();

    public DbSet<MessagePartEntity> Parts => Set<MessagePartEntity>();

    public DbSet<ApiKeyEntity> ApiKeys => Set<ApiKeyEntity>();

    public DbSet<EngineSettingEntity> EngineSettings => Set<EngineSettingEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<ChatSessionEntity>(e =>
        {
            e.ToTable("chat_sessions");
            e.HasKey(s => s.Id);
            e.HasIndex(s => new { s.UserId, s.UpdatedAt });
            e.HasMany(s => s.Messages).WithOne(m => m.Session).HasForeignKey(m => m.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ChatMessageEntity>(e =>
        {
            e.ToTable("chat_messages");
            e.HasKey(m => m.Id);
            e.HasIndex(m => new { m.SessionId, m.Sequence }).IsUnique();
            e.HasIndex(m => m.Status);
            e.HasMany(m => m.Parts).WithOne().HasForeignKey(p => p.MessageId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ApiKeyEntity>(e =>
        {
            e.ToTable("api_keys");
            e.HasKey(k => k.Id);
            e.HasIndex(k => k.Hash).IsUnique();
            e.HasIndex(k => k.UserId);
        });
        modelBuilder.Entity<MessagePartEntity>(e =>
        {
            e.ToTable("chat_message_parts");
            e.HasKey(p => p.Id);
            e.HasIndex(p => new { p.MessageId, p.Ordinal });
        });
        modelBuilder.Entity<EngineSettingEntity>(e =>
        {
            e.ToTable("engine_settings");
            e.HasKey(s => s.Key);
            e.Property(s => s.Key).HasMaxLength(300);
        });
        modelBuilder.AddDocuments();
    }
}
