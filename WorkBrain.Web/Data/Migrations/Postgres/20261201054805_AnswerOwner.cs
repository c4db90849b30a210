using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WorkBrain.Web.Data.Migrations.Postgres
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
                type: "text",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_chat_messages_Status",
                table: "chat_messages",
                column: "Status");
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
