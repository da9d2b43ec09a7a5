using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OrderToCash.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeanOpenItemIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_open_items_CustomerId_OpenMinor",
                table: "open_items");

            migrationBuilder.DropIndex(
                name: "IX_open_items_LegalEntityId_Currency_OpenMinor",
                table: "open_items");

            migrationBuilder.CreateIndex(
                name: "IX_open_items_CustomerId",
                table: "open_items",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_open_items_LegalEntityId_Currency",
                table: "open_items",
                columns: new[] { "LegalEntityId", "Currency" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_open_items_CustomerId",
                table: "open_items");

            migrationBuilder.DropIndex(
                name: "IX_open_items_LegalEntityId_Currency",
                table: "open_items");

            migrationBuilder.CreateIndex(
                name: "IX_open_items_CustomerId_OpenMinor",
                table: "open_items",
                columns: new[] { "CustomerId", "OpenMinor" });

            migrationBuilder.CreateIndex(
                name: "IX_open_items_LegalEntityId_Currency_OpenMinor",
                table: "open_items",
                columns: new[] { "LegalEntityId", "Currency", "OpenMinor" });
        }
    }
}
