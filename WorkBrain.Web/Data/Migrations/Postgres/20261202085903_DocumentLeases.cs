using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkBrain.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DocumentLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "lease_expires",
                table: "documents",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "owner",
                table: "documents",
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_documents_status",
                table: "documents",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_documents_status",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "lease_expires",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "owner",
                table: "documents");
        }
    }
}
