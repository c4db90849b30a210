using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Pgvector.EntityFrameworkCore;

namespace WorkBrain.Web.Data;

/// <summary>For <c>dotnet ef migrations add NAME --context SqliteWorkBrainDbContext --output-dir Data/Migrations/Sqlite</c>:
/// no database is opened to add a migration.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteWorkBrainDbContext>
{
    public SqliteWorkBrainDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteWorkBrainDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add NAME --context PostgresWorkBrainDbContext --output-dir Data/Migrations/Postgres</c>.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresWorkBrainDbContext>
{
    public PostgresWorkBrainDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresWorkBrainDbContext>().UseNpgsql("Host=127.0.0.1;Database=workbrain_design", o => o.UseVector()).Options);
}
