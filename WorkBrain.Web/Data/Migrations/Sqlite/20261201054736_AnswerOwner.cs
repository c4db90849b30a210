using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkBrain.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AnswerOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "chat_messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_chat_messages_Status",
                table: "chat_messages",
                column: "Status");

            // The document store before migrations wrote created_at as ISO 8601 with a 'T'; EF writes a space. One format
            // keeps text ordering and comparison right.
            migrationBuilder.Sql("UPDATE documents SET created_at = replace(created_at, 'T', ' ') WHERE created_at LIKE '____-__-__T%';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_chat_messages_Status",
                table: "chat_messages");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "chat_messages");
        }
    }
}
